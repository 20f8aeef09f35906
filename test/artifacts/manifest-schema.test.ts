// Every resource type built with our builders, assembled into a manifest, must satisfy dbt's
// published manifest v12 JSON schema.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildManifest } from '../../src/artifacts/index.js';
import { makeSqlOperationNode } from '../../src/parser/node-defaults.js';
import { makeModelConstraint } from '../../src/parser/resource-defaults.js';
import { describeErrors, loadSchemaValidator } from './fixtures/dbt-schemas.js';
import { shopMetadata, shopProject } from './fixtures/shop-project.js';

describe('manifest v12 schema', () => {
  const validate = loadSchemaValidator('manifest-v12');

  test('a manifest of every resource type validates', () => {
    const project = shopProject();
    const manifest = buildManifest({ ...project, metadata: shopMetadata });
    const valid = validate(JSON.parse(JSON.stringify(manifest)));
    assert.ok(valid, describeErrors(validate));
    const types = new Set(Object.values(manifest.nodes).map((n) => n.resource_type));
    assert.deepEqual([...types].sort(), ['analysis', 'model', 'operation', 'seed', 'snapshot', 'test']);
  });

  test('versioned models, model constraints, sql operations, compiled fields and disabled nodes validate', () => {
    const project = shopProject();
    const model = project.nodes.find((n) => n.unique_id === 'model.shop.orders')!;
    const versioned = {
      ...model,
      name: 'dim',
      unique_id: 'model.shop.dim.v2',
      version: 2,
      latest_version: 2,
    };
    Object.assign(model, {
      compiled: true,
      compiled_code: 'select 1',
      extra_ctes_injected: true,
      extra_ctes: [],
      constraints: [makeModelConstraint({ type: 'primary_key', columns: ['id'] })],
    });
    const inline = makeSqlOperationNode({
      name: 'inline_query',
      package_name: 'shop',
      original_file_path: 'from remote system.sql',
      schema: 'main',
    });
    const manifest = buildManifest({
      ...project,
      nodes: [...project.nodes, versioned, inline],
      disabled: { 'model.shop.old': [{ ...model, unique_id: 'model.shop.old', name: 'old' }] },
      selectors: { nightly: { name: 'nightly', definition: 'tag:nightly' } },
      metadata: { ...shopMetadata, env: { TEAM: 'data' } },
    });
    const valid = validate(JSON.parse(JSON.stringify(manifest)));
    assert.ok(valid, describeErrors(validate));
  });

  test('the schema catches a broken node (the check can fail)', () => {
    const manifest = buildManifest({ ...shopProject(), metadata: shopMetadata });
    const broken = JSON.parse(JSON.stringify(manifest));
    broken.nodes['model.shop.orders'].config.access = 'everyone';
    assert.equal(validate(broken), false);
  });
});
