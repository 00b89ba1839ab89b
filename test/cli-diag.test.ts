// `relc diag` and `relc run`'s progress line through the bundled CLI (bin/relc.js; `npm run
// build` first): SQL over a real run bundle's diagnostics in three output forms, coded errors
// without stack traces, the summary of a finished and of a failed run; progress on a pseudo-
// terminal (util-linux `script`) only, never under --json, in CI or into a pipe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from './support/uvu.ts';
import * as assert from 'uvu/assert';
import { PLAIN_ENV } from './support/plain-env.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'relc.js');
const SPEC = path.join(ROOT, 'examples/quickstart/relc.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'relc-cli-diag-'));
const { CI: _ci, ...NO_CI } = PLAIN_ENV;
const relc = (args: readonly string[], env: NodeJS.ProcessEnv = NO_CI) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env });
const bundle = path.join(dir, 'q');

const run = relc(['run', SPEC, '--out', bundle, '--rows', '0']);
const QUERY = 'SELECT view, rows_out, input_rows, lane FROM rule_exec_metrics JOIN rule_compile_artifacts USING (view) ORDER BY rule_exec_metrics.ordinal LIMIT 3';

test('relc diag BUNDLE SQL: a table, --csv, --json over the datasets named after their files', () => {
  assert.is(run.status, 0, run.stderr);
  assert.is(run.stderr, ''); // not a terminal: no progress line
  const t = relc(['diag', bundle, QUERY]);
  assert.is(t.status, 0, t.stderr);
  assert.is(t.stdout, [
    'view          │ rows_out │ input_rows │ lane',
    '──────────────┼──────────┼────────────┼───────────',
    'strong_recent │ 5        │ 8          │ sql:duckdb',
    'workforce     │ 12       │ 12         │ sql:duckdb',
    'member_of     │ 9        │ 16         │ sql:duckdb',
    '(3 rows)',
    '',
  ].join('\n'));
  const csv = relc(['diag', bundle, QUERY, '--csv']);
  assert.is(csv.stdout, 'view,rows_out,input_rows,lane\nstrong_recent,5,8,sql:duckdb\nworkforce,12,12,sql:duckdb\nmember_of,9,16,sql:duckdb\n');
  const json = relc(['diag', bundle, "SELECT input, format, rows_read, row_groups, [input, format] AS pair FROM scan_telemetry WHERE input IN ('teams', 'cst_nodes') ORDER BY input", '--json']);
  assert.is(json.status, 0, json.stderr);
  assert.equal(JSON.parse(json.stdout), {
    columns: ['input', 'format', 'rows_read', 'row_groups', 'pair'],
    types: ['VARCHAR', 'VARCHAR', 'BIGINT', 'BIGINT', 'VARCHAR[]'],
    rows: [['cst_nodes', 'jsonl', 7, null, ['cst_nodes', 'jsonl']], ['teams', 'csv', 4, null, ['teams', 'csv']]],
  });
  const tables = relc(['diag', bundle, 'SHOW TABLES', '--csv']);
  assert.is(tables.stdout, 'name\nengine_explain\nengine_fallbacks\nerrors\nlane_decisions\nrule_compile_artifacts\nrule_exec_events\nrule_exec_metrics\nscan_telemetry\nwarnings\n');
});

test('relc diag: bad SQL, a missing bundle, a write: coded errors, exit 1, no stack trace', () => {
  const bad = relc(['diag', bundle, 'SELEC view FROM errors']);
  assert.is(bad.status, 1);
  assert.is(bad.stdout, '');
  assert.is(bad.stderr, 'error[EXECUTION_FAILED]: diagnostics query: duckdb failed: Parser Error: syntax error at or near "SELEC"\n');
  const unknown = relc(['diag', bundle, 'SELECT * FROM nope', '--json']);
  assert.is(unknown.status, 1);
  const err = JSON.parse(unknown.stdout).error;
  assert.equal([err.stage, err.retryable, err.code], ['execute', false, 'EXECUTION_FAILED']);
  assert.match(err.message, /^diagnostics query: duckdb failed: Catalog Error: Table with name nope does not exist!/);
  const missing = relc(['diag', path.join(dir, 'nowhere'), 'SELECT 1']);
  assert.is(missing.status, 1);
  assert.is(missing.stderr, `error[INPUT_NOT_FOUND]: ${path.join(dir, 'nowhere')} is not a relc run bundle (no diagnostics/ directory)\n`);
  const write = relc(['diag', bundle, `COPY (SELECT 1) TO '${path.join(dir, 'x.csv')}'`]);
  assert.is(write.status, 1);
  assert.is(write.stderr, `error[EXECUTION_FAILED]: diagnostics query: duckdb failed: Permission Error: Cannot access file "${path.join(dir, 'x.csv')}" - file system operations are disabled by configuration\n`);
  const lean = relc(['run', SPEC, '--out', path.join(dir, 'lean'), '--rows', '0', '--no-substrait-artifacts']);
  assert.is(lean.status, 0, lean.stderr);
  assert.is(relc(['diag', path.join(dir, 'lean'), 'SELECT count(*), count(substrait), count(sql_postgres) FROM rule_compile_artifacts', '--csv']).stdout, 'count_star(),count(substrait),count(sql_postgres)\n12,0,12\n');
  assert.is(relc(['diag', bundle, 'SELECT count(*), count(substrait) FROM rule_compile_artifacts', '--csv']).stdout, 'count_star(),count(substrait)\n12,12\n');
  const empty = relc(['diag', bundle, '  ']);
  assert.is(empty.stderr, 'error[USAGE_ERROR]: relc diag: the SQL is empty (omit it for the summary)\n');
});

test('relc diag BUNDLE: the summary of a finished run, and of a failed one', () => {
  const s = relc(['diag', bundle]);
  assert.is(s.status, 0, s.stderr);
  const lines = s.stdout.trimEnd().split('\n');
  assert.is(lines[0], `run bundle ${bundle}: finished`);
  assert.match(lines[1]!, /^12 views materialized in \d+\.\d ms$/);
  assert.is(lines[2], 'slowest views:');
  assert.is(lines.slice(3, 8).filter((l) => /^ {2}\w+ +\d+\.\d ms {2}\d+ rows?$/.test(l)).length, 5);
  assert.equal(lines.slice(8), [
    'fallbacks: 1',
    "  badges: sql:duckdb → shim:duckdb (relc's shims relc_rint, relc_upper (SQL macros) give PostgreSQL's semantics where duckdb's own functions do not)",
    'warnings: none',
    'targets that refused views: spark:BACKEND_UNSUPPORTED ×1', // normalize (nodes_norm): Spark has no Unicode normalization
    'tables: engine_explain, engine_fallbacks, errors, lane_decisions, rule_compile_artifacts, rule_exec_events, rule_exec_metrics, scan_telemetry, warnings',
  ]);
  const json = JSON.parse(relc(['diag', bundle, '--json']).stdout);
  assert.equal([json.status, json.error, json.views, json.slowest.length, json.fallbacks.map((f: { view: string }) => f.view), json.warnings, json.refusals], ['ok', null, 12, 5, ['badges'], [], [{ refusal: 'spark:BACKEND_UNSUPPORTED', views: 1 }]]);
  const flags = relc(['diag', bundle, "SELECT view, policy_flags FROM rule_compile_artifacts WHERE len(policy_flags) > 0", '--json']);
  assert.equal(JSON.parse(flags.stdout).rows, [['badges', ['shim:relc_rint', 'shim:relc_upper', 'fallback:shim:duckdb']]]);

  const bad = path.join(dir, 'bad.yaml');
  writeFileSync(bad, readFileSync(SPEC, 'utf8').replace('\nrules:\n', '\nrules:\n  - { name: boom, kind: project, from: people, select: { n: "id + 9223372036854775807" } }\n').replaceAll('path: data/', `path: ${path.join(ROOT, 'examples/quickstart/data')}/`));
  const failed = relc(['run', bad, '--out', path.join(dir, 'f')]);
  assert.is(failed.status, 1);
  const summary = relc(['diag', path.join(dir, '.relc-failed-f')]);
  assert.is(summary.status, 0, summary.stderr);
  assert.match(summary.stdout.split('\n')[0]!, new RegExp(`^run bundle ${path.join(dir, '.relc-failed-f')}: failed — error\\[EXECUTION_FAILED\\] \\(execute\\): view boom: duckdb failed: Out of Range Error: Overflow in addition of INT64`));
  assert.is(summary.stdout.split('\n')[1], '0 views materialized in 0.0 ms');
  const errs = relc(['diag', path.join(dir, '.relc-failed-f'), 'SELECT seq, stage, code, retryable, view FROM errors', '--csv']);
  assert.is(errs.stdout, 'seq,stage,code,retryable,view\n1,execute,EXECUTION_FAILED,false,boom\n');
});

test('relc diag BUNDLE: the summary lists the run\'s warnings (the warnings dataset)', () => {
  writeFileSync(path.join(dir, 't.csv'), 'id,v\n1,a\n1,b\n2,c\n');
  writeFileSync(path.join(dir, 'warn.yaml'), 'relc: 1\nname: warn_test\npolicy: { input_keys: warn }\ninputs:\n  t: { path: t.csv, schema: { id: int64, v: utf8 }, key: [id] }\nrules:\n  - { name: all_t, kind: filter, from: t, where: "id > 0" }\noutputs:\n  - { name: all_t, from: all_t, order_by: [id] }\n');
  assert.is(relc(['run', path.join(dir, 'warn.yaml'), '--out', path.join(dir, 'w'), '--rows', '0']).status, 0);
  const lines = relc(['diag', path.join(dir, 'w')]).stdout.split('\n');
  const at = lines.indexOf('warnings: 1');
  assert.ok(at > 0, lines.join('\n'));
  assert.is(lines[at + 1], '  warning[INPUT_KEY_VIOLATION]: input t (t.csv): declared key (id) is not unique: (1) ×2 at rows 1 and 2 of the file (policy.input_keys: warn; ties are broken by every column)');
});

/** `relc ARGS` on a pseudo-terminal (stdout and stderr both): what the terminal received. */
function onTerminal(args: readonly string[], env: NodeJS.ProcessEnv): string {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-q', '-e', '-c', quoted, '/dev/null'], { cwd: dir, encoding: 'utf8', env });
  assert.is(r.status, 0, r.stderr);
  return r.stdout;
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

test('progress on a terminal: views done/total, rows, elapsed, then erased; none under --json or CI', () => {
  if (!hasScript) throw new Error('util-linux script is needed for the pseudo-terminal test');
  const env = { ...NO_CI, RELC_PROGRESS_AFTER_MS: '0' };
  const tty = onTerminal(['run', SPEC, '--rows', '0'], env);
  const frames = tty.split('\r\x1b[2K').slice(1, -1);
  assert.match(frames[0]!, /^relc: views 1\/12 · 5 rows · \d+\.\d s · strong_recent$/);
  assert.ok(frames.some((f) => /^relc: views 12\/12 · 66 rows · \d+\.\d s · big_teams$/.test(f)), frames.join('|'));
  assert.match(frames.at(-1)!, /^relc: outputs 9\/9 · 40 rows · \d+\.\d s · big_teams$/);
  assert.match(tty.split('\r\x1b[2K').at(-1)!, /^relc 0\.1\.0 · duckdb /); // the line is erased before the run's own output
  assert.not.match(onTerminal(['run', SPEC, '--json'], env), /relc: views/);
  assert.not.match(onTerminal(['run', SPEC, '--rows', '0'], { ...env, CI: 'true' }), /relc: views/);
  // Short runs stay quiet: the line appears only after RELC_PROGRESS_AFTER_MS (default 500 ms).
  assert.not.match(onTerminal(['run', SPEC, '--rows', '0'], { ...env, RELC_PROGRESS_AFTER_MS: '60000' }), /relc: views/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
