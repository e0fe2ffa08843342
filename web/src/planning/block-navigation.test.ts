import { describe, expect, test } from 'vitest';
import { nearestBlock, type BlockBox } from './block-navigation';

const box = (id: string, x: number, y: number): BlockBox => ({ id, x, y, width: 80, height: 30 });
// Two rows 40 px apart; row 1: a b c, row 2: d (under b), e (far right).
const boxes = [box('a', 0, 0), box('b', 200, 2), box('c', 600, 0), box('d', 230, 40), box('e', 900, 40), box('f', 0, 120)];

describe('moving between blocks with the arrow keys', () => {
  test('left and right stay on the same line, nearest first', () => {
    expect(nearestBlock(boxes[0] as BlockBox, boxes, 'right')).toBe('b');
    expect(nearestBlock(boxes[1] as BlockBox, boxes, 'right')).toBe('c');
    expect(nearestBlock(boxes[1] as BlockBox, boxes, 'left')).toBe('a');
    expect(nearestBlock(boxes[2] as BlockBox, boxes, 'right')).toBeUndefined();
  });

  test('down goes to the next line, the block closest horizontally', () => {
    expect(nearestBlock(boxes[1] as BlockBox, boxes, 'down')).toBe('d');
    expect(nearestBlock(boxes[2] as BlockBox, boxes, 'down')).toBe('e');
    expect(nearestBlock(boxes[3] as BlockBox, boxes, 'down')).toBe('f');
    expect(nearestBlock(boxes[3] as BlockBox, boxes, 'up')).toBe('b');
    expect(nearestBlock(boxes[0] as BlockBox, boxes, 'up')).toBeUndefined();
  });
});
