/**
 * The cost of the planning checks as the PWA runs them, in one process:
 *   - `checkPlanning` on a week (5 000 missions, 200 chauffeurs, 40 voyages) given, as the board
 *     does, the missions of the weeks before and after too (15 000 in all), median and p95 over
 *     BENCH_PLANNING_RUNS runs after warm-up;
 *   - `checkMissionPlanning` for one drop on the board (a mission moved to another chauffeur and
 *     hour), median over BENCH_PLANNING_DROPS drops;
 * against two baselines measured in the same run on the same data: grouping and sorting the
 * missions by chauffeur and start (the least any check must do), and a naive pairwise overlap check
 * of the week (O(n²), what a first version would write).
 * Sizes: BENCH_PLANNING_CHAUFFEURS (200), BENCH_PLANNING_VOYAGES (40), BENCH_PLANNING_MISSIONS (5000 per week).
 */
import { performance } from 'node:perf_hooks';
import { checkMissionPlanning, checkPlanning, dayNumber, planningWindow, timeToMinutes, type PlannedMission } from '../src/index';
import { buildScenario } from './planning-scenario';

const runs = Number(process.env['BENCH_PLANNING_RUNS'] ?? 30);
const warmUp = Number(process.env['BENCH_PLANNING_WARMUP'] ?? 5);
const drops = Number(process.env['BENCH_PLANNING_DROPS'] ?? 1000);
const scenario = buildScenario({
  chauffeurs: Number(process.env['BENCH_PLANNING_CHAUFFEURS'] ?? 200),
  voyages: Number(process.env['BENCH_PLANNING_VOYAGES'] ?? 40),
  missionsPerWeek: Number(process.env['BENCH_PLANNING_MISSIONS'] ?? 5000),
});
const { data, week } = scenario;

interface Timing {
  median: number;
  p95: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Times `task` `count` times after `warm` untimed runs; `sink` keeps the results alive. */
function measure(count: number, warm: number, task: (run: number) => unknown): Timing {
  const sink: unknown[] = [];
  for (let run = 0; run < warm; run += 1) {
    sink.push(task(run));
  }
  const times: number[] = [];
  for (let run = 0; run < count; run += 1) {
    const started = performance.now();
    const result = task(run);
    times.push(performance.now() - started);
    sink[run % 4] = result;
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** Baseline 1: group the missions by chauffeur and sort each group by start (each start computed once). */
function groupAndSort(missions: readonly PlannedMission[]): Map<string, { start: number; mission: PlannedMission }[]> {
  const groups = new Map<string, { start: number; mission: PlannedMission }[]>();
  for (const mission of missions) {
    if (mission.chauffeur_id === undefined || mission.statut === 'annule') {
      continue;
    }
    const entry = { start: dayNumber(mission.date_mission) * 1440 + timeToMinutes(mission.heure_debut), mission };
    const group = groups.get(mission.chauffeur_id);
    if (group) {
      group.push(entry);
    } else {
      groups.set(mission.chauffeur_id, [entry]);
    }
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.start - b.start);
  }
  return groups;
}

/** Baseline 2: every pair of the week's missions compared for the same chauffeur and overlapping hours. */
function naiveOverlaps(missions: readonly PlannedMission[]): number {
  const timed = missions.map((mission) => {
    const start = dayNumber(mission.date_mission) * 1440 + timeToMinutes(mission.heure_debut);
    return { chauffeur: mission.chauffeur_id, start, end: mission.heure_fin === undefined ? start + 60 : start + timeToMinutes(mission.heure_fin) - timeToMinutes(mission.heure_debut) };
  });
  let found = 0;
  for (let i = 0; i < timed.length; i += 1) {
    const a = timed[i];
    for (let j = i + 1; j < timed.length; j += 1) {
      const b = timed[j];
      if (a && b && a.chauffeur !== undefined && a.chauffeur === b.chauffeur && a.start < b.end && b.start < a.end) {
        found += 1;
      }
    }
  }
  return found;
}

/** Baseline 3, for one drop: find the chauffeur's missions of the weeks around the day in the store. */
function scanForDrop(missions: readonly PlannedMission[], mission: PlannedMission): PlannedMission[] {
  const window = planningWindow(mission.date_mission);
  return missions.filter((other) => {
    if (other.chauffeur_id !== mission.chauffeur_id || other.id === mission.id) {
      return false;
    }
    const day = dayNumber(other.date_mission);
    return day >= window.from && day <= window.to;
  });
}

/** The drops: a mission of the week moved to another chauffeur and start, deterministic. */
const chauffeurIds = [...data.chauffeurs.keys()];
const dropped: PlannedMission[] = Array.from({ length: drops }, (_, index) => {
  const mission = week[(index * 7919) % week.length] as PlannedMission;
  const start = 4 * 60 + ((index * 37) % 960);
  const { heure_fin: _end, ...rest } = mission;
  return {
    ...rest,
    chauffeur_id: chauffeurIds[(index * 31) % chauffeurIds.length],
    statut: 'planifie',
    heure_debut: `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`,
    ...(mission.heure_fin === undefined ? {} : { heure_fin: `${String(Math.floor(start / 60) + 2).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}` }),
  };
});

const format = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

const grouping = measure(runs, warmUp, () => groupAndSort(data.missions));
const naive = measure(Math.max(5, Math.floor(runs / 3)), 2, () => naiveOverlaps(week));
const full = measure(runs, warmUp, () => checkPlanning(data));
const scan = measure(drops, 50, (run) => scanForDrop(data.missions, dropped[run % dropped.length] as PlannedMission));
const drop = measure(drops, 50, (run) => checkMissionPlanning(data, dropped[run % dropped.length] as PlannedMission));

const result = checkPlanning(data);
const byCode = new Map<string, number>();
for (const found of [...result.values()].flat()) {
  byCode.set(found.code, (byCode.get(found.code) ?? 0) + 1);
}

console.log(
  `Planning conflicts: ${data.chauffeurs.size} chauffeurs, ${data.voyages.size} voyages, ${data.absences.length} absences, ` +
    `${week.length} missions in the week of ${scenario.monday} (${data.missions.length} with the weeks around it)`,
);
console.log(`  conflicts found: ${result.size} missions with at least one; ${[...byCode].sort().map(([code, count]) => `${code} ${count}`).join(', ')}`);
console.log(`  naive pairwise overlaps in the week: ${naiveOverlaps(week)} pairs\n`);
console.log('  measure                                           median       p95      ratio');
const row = (label: string, timing: Timing, ratio: string): void => {
  console.log(`  ${label.padEnd(48)} ${format(timing.median).padStart(10)} ${format(timing.p95).padStart(10)}  ${ratio}`);
};
row(`baseline: group + sort ${data.missions.length} missions`, grouping, '1.0× (baseline)');
row(`baseline: naive O(n²) overlaps, ${week.length} missions`, naive, `${(naive.median / grouping.median).toFixed(1)}× baseline`);
row(`checkPlanning, ${runs} runs`, full, `${(full.median / grouping.median).toFixed(1)}× group+sort, ${(full.median / naive.median).toFixed(2)}× naive`);
row(`baseline: scan the store for one drop`, scan, '1.0× (drop baseline)');
row(`checkMissionPlanning, one drop, ${drops} drops`, drop, `${(drop.median / scan.median).toFixed(1)}× scan, ${((drop.median / full.median) * 100).toFixed(2)} % of checkPlanning`);
