/** A block's box on screen, for moving between blocks with the arrow keys. */
export interface BlockBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ArrowDirection = 'left' | 'right' | 'up' | 'down';

const centre = (box: BlockBox) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/**
 * The block the arrow key goes to from `from`: left/right, the nearest one in the same line;
 * up/down, the nearest line above/below, then the block there closest horizontally.
 */
export function nearestBlock(from: BlockBox, boxes: readonly BlockBox[], direction: ArrowDirection): string | undefined {
  const origin = centre(from);
  const others = boxes.filter((box) => box.id !== from.id).map((box) => ({ box, at: centre(box) }));
  if (direction === 'left' || direction === 'right') {
    const sign = direction === 'right' ? 1 : -1;
    const sameLine = others.filter(({ at }) => Math.abs(at.y - origin.y) < from.height / 2 && sign * (at.x - origin.x) > 0);
    sameLine.sort((a, b) => sign * (a.at.x - b.at.x));
    return sameLine[0]?.box.id;
  }
  const sign = direction === 'down' ? 1 : -1;
  const beyond = others.filter(({ at }) => sign * (at.y - origin.y) >= from.height / 2);
  if (beyond.length === 0) {
    return undefined;
  }
  const nearestLine = Math.min(...beyond.map(({ at }) => Math.abs(at.y - origin.y)));
  const line = beyond.filter(({ at }) => Math.abs(at.y - origin.y) <= nearestLine + from.height / 2);
  line.sort((a, b) => Math.abs(a.at.x - origin.x) - Math.abs(b.at.x - origin.x));
  return line[0]?.box.id;
}
