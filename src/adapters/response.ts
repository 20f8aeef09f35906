/** The `adapter_response` object dbt writes into run_results.json. */
import type { AdapterResponse } from './types.js';

/** dbt's JSON keys: `_message`, plus `code` and `rows_affected` when known. */
export function toDbtAdapterResponse(response: AdapterResponse): Record<string, unknown> {
  return {
    _message: response.message,
    ...(response.code === undefined ? {} : { code: response.code }),
    ...(response.rowsAffected === undefined ? {} : { rows_affected: response.rowsAffected }),
  };
}
