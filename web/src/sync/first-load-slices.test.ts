import { describe, expect, test } from 'vitest';
import { createSliceBudget, nextSliceSize, type SliceBudget } from './first-load-slices';

const budget: SliceBudget = { budgetMs: 40, initial: 100, min: 25, max: 1000 };

describe('tranches d’écriture de la première synchronisation', () => {
  test('grandissent tant que la page répond bien sous le budget, jusqu’au plafond', () => {
    expect(nextSliceSize(100, 5, budget)).toBe(125);
    let size = budget.initial;
    for (let slice = 0; slice < 30; slice += 1) {
      size = nextSliceSize(size, 10, budget);
    }
    expect(size).toBe(1000);
  });

  test('rétrécissent en proportion du dépassement, au plus de moitié d’un coup, jamais sous le plancher', () => {
    expect(nextSliceSize(400, 50, budget)).toBe(320);
    expect(nextSliceSize(400, 400, budget)).toBe(200);
    expect(nextSliceSize(30, 400, budget)).toBe(25);
  });

  test('restent telles quelles entre la moitié du budget et le budget', () => {
    expect(nextSliceSize(300, 30, budget)).toBe(300);
  });

  test('la pause mesure combien de temps la page a attendu son tour et en tire la tranche suivante', async () => {
    let now = 0;
    const waits = [5, 5, 200];
    const slices = createSliceBudget(budget, () => now, () => {
      now += waits.shift() ?? 0;
      return Promise.resolve();
    });
    expect(slices.documents).toBe(100);
    await slices.pause();
    await slices.pause();
    expect(slices.documents).toBe(157);
    await slices.pause();
    expect(slices.documents).toBe(78);
  });

  test('la pause tient compte de la plus longue tâche de la page depuis la précédente', async () => {
    const tasks = [0, 400];
    const slices = createSliceBudget(budget, () => 0, () => Promise.resolve(), () => tasks.shift() ?? 0);
    await slices.pause();
    expect(slices.documents).toBe(125);
    await slices.pause();
    expect(slices.documents).toBe(62);
  });
});
