// The quickstart rule pack in TypeScript: the same spec as relc.yaml beside it (same signatures,
// same spec hash), with every relation and column name checked by tsc. `c.score` in an
// expression is the column `score` of the rule's input, `p.min_score` the parameter `:min_score`;
// a name the input lacks does not compile. `raw('…')` is expression text TypeScript cannot check.
// `relc/pack` is the builder alone (`import { pack } from 'relc'` is the same builder, with the
// whole library loaded: compilers and engines); `relc compile relc.ts` then loads no engine.
import { pack, raw } from 'relc/pack';

export default pack('quickstart', {
  description: 'People, contractors and teams; team sizes, best members, and normalized syntax nodes.',
  profile: 'default',
})
  .param('min_score', { type: 'float64', default: 0.5 })
  .param('hired_since', { type: 'date', default: '2019-01-01' })

  .input('people', {
    path: 'data/people.csv',
    schema: { id: 'int64', name: 'utf8', team_id: 'int64?', score: 'float64', joined: 'date' },
    key: ['id'],
  })
  .input('contractors', {
    path: 'data/contractors.csv',
    schema: { id: 'int64', name: 'utf8', team_id: 'int64?', score: 'float64', joined: 'date' },
    key: ['id'],
  })
  .input('teams', { path: 'data/teams.csv', schema: { id: 'int64', name: 'utf8', budget: 'decimal(12,2)?' }, key: ['id'] })
  .input('cst_nodes', {
    path: 'data/cst_nodes.jsonl',
    schema: { path: 'utf8', bstart: 'int64', bend: 'int64?', kind: 'utf8', name: 'utf8?' },
  })

  // filter: strong performers hired recently (both parameters are bound, never spliced)
  .filter('strong_recent', { from: 'people', where: (c, p) => `${c.score} >= ${p.min_score} and ${c.joined} >= ${p.hired_since}` })

  // union with a tag column naming where each row came from
  .union('workforce', { from: ['people', 'contractors'], distinct: false, tag: 'source' })

  // relate (inner): who works in which team
  .relate('member_of', {
    left: 'workforce',
    right: 'teams',
    join: 'inner',
    on: ({ left, right }) => `${left.team_id} = ${right.id}`,
    select: { person_id: 'left.id', person: 'left.name', team: 'right.name', score: 'left.score', source: 'left.source' },
  })

  // relate (left): everyone, with a team name or 'unassigned'
  .relate('placement', {
    left: 'workforce',
    right: 'teams',
    join: 'left',
    on: ({ left, right }) => `${left.team_id} = ${right.id}`,
    select: {
      person_id: 'left.id',
      source: 'left.source',
      team: ({ right }) => `coalesce(${right.name}, 'unassigned')`,
      budget_share: ({ right }) => `${right.budget} / 4`,
    },
  })

  // relate (anti): people whose team does not exist
  .relate('orphans', { left: 'workforce', right: 'teams', join: 'anti', on: ({ left, right }) => `${left.team_id} = ${right.id}` })

  // relate (semi): teams that have at least one member
  .relate('staffed_teams', { left: 'teams', right: 'workforce', join: 'semi', on: ({ left, right }) => `${left.id} = ${right.team_id}` })

  // aggregate with count(*), count(distinct), max, avg, sum
  .aggregate('team_sizes', {
    from: 'member_of',
    group_by: ['team'],
    measures: {
      n: raw('count(*)'),
      sources: (c) => `count(distinct ${c.source})`,
      best: (c) => `max(${c.score})`,
      mean_score: (c) => `avg(${c.score})`,
      total_score: (c) => `sum(${c.score})`,
    },
  })

  // relate (full): every team and every size, matched by name
  .relate('team_report', {
    left: 'teams',
    right: 'team_sizes',
    join: 'full',
    on: ({ left, right }) => `${left.name} = ${right.team}`,
    select: {
      team: ({ left, right }) => `coalesce(${left.name}, ${right.team})`,
      budget: 'left.budget',
      members: ({ right }) => `coalesce(${right.n}, 0)`,
      per_head: ({ left, right }) => `case when ${right.n} > 0 then ${left.budget} / ${right.n} end`,
    },
  })

  // winner: the best member of each team; ties broken by name, then id
  .winner('best_member', {
    from: 'member_of',
    partition_by: ['team'],
    order_by: ['score desc', 'person asc', 'person_id asc', 'source asc'],
  })

  // project: derived columns with string, arithmetic, date and CASE expressions
  .project('badges', {
    from: 'strong_recent',
    select: {
      id: 'id',
      shout: (c) => `upper(${c.name}) || '!'`,
      label: (c) => `${c.name} || ' #' || cast(${c.id} as text)`,
      pct: (c) => `round(${c.score} * 100)`,
      tier: (c) => `case when ${c.score} >= 0.9 then 'gold' when ${c.score} >= 0.75 then 'silver' else 'bronze' end`,
      half_id: (c) => `${c.id} / 2`,
      hire_year: (c) => `extract(year from ${c.joined})`,
    },
  })

  // normalize: stable ids, checked spans, NFC text
  .normalize('nodes_norm', { from: 'cst_nodes', id: { name: 'node_id', of: ['path', 'bstart', 'bend', 'kind'] }, span: ['bstart', 'bend'], text: ['name'] })

  // sql: a SELECT over the views; its columns declared for TypeScript (relc checks them)
  .sql('big_teams', {
    sql: `select t.team, t.n, b.person as best
from team_sizes t
join best_member b on b.team = t.team
where t.n > 1
`,
    columns: { team: 'utf8', n: 'int64', best: 'utf8' },
  })

  .output('team_sizes', { from: 'team_sizes', order_by: ['team'], format: 'parquet' })
  .output('team_report', { from: 'team_report', order_by: ['team'], format: 'csv' })
  .output('best_member', { from: 'best_member', order_by: ['team'], format: 'json' })
  .output('placement', { from: 'placement', order_by: ['person_id', 'source'] })
  .output('orphans', { from: 'orphans', order_by: ['id'] })
  .output('staffed_teams', { from: 'staffed_teams', order_by: ['id'] })
  .output('badges', { from: 'badges', order_by: ['id'] })
  .output('nodes_norm', { from: 'nodes_norm', order_by: ['node_id'] })
  .output('big_teams', { from: 'big_teams', order_by: ['team'] });
