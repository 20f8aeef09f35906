// Runs the CLI from source, for tests that spawn `tessera` as a user would.
import { main } from '../../src/cli/index.js';

await main(process.argv);
