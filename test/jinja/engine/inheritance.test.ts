import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Environment } from '../../../src/jinja/index.js';

// Expected outputs were produced by Python Jinja2 3.1.6 with a DictLoader of these files.
const FILES: Record<string, string> = {
  base: 'B1 {% block head %}H({{ title }}){% endblock %} {% block body %}base-body{% endblock %} {{ top }}/B2',
  child:
    '{% extends "base" %}{% set title = "T" %}ignored{% block body %}child-body[{{ super() }}]{% for i in [1] %}{% block inner %}in{{ i }}{% endblock %}{% endfor %}{% endblock %}',
  grand:
    'pre|{% extends "child" %}{% block head %}G{{ super() }}{% endblock %}{% block inner scoped %}gi{{ i }}{% endblock %}',
  cond: '{% if flag %}{% extends "base" %}{% endif %}{% block body %}own{% endblock %}',
};

test('extends, blocks, super() and scoped blocks render as in Jinja2', async () => {
  const env = new Environment({ loader: (name) => FILES[name] });
  const cases: [string, Record<string, unknown>, string][] = [
    ['child', { top: 'X' }, 'B1 H(T) child-body[base-body]in X/B2'],
    ['grand', {}, 'pre|B1 GH(T) child-body[base-body]gi /B2'],
    ['cond', { flag: true }, 'B1 H() own /B2'],
    ['cond', { flag: false }, 'own'],
    ['base', {}, 'B1 H() base-body /B2'],
  ];
  for (const [name, context, expected] of cases) {
    assert.equal(await (await env.getTemplate(name)).render(context), expected, name);
  }
});

test('a block name defined twice is a syntax error', async () => {
  const env = new Environment();
  assert.throws(() => env.fromString('{% block a %}{% endblock %}\n{% block a %}{% endblock %}'), {
    name: 'TemplateError',
    kind: 'syntax',
    line: 2,
  });
});
