import { describe, expect, it } from 'vitest';
import { describeAgent } from './user-agent';

describe('describeAgent', () => {
  it('names the browser and the system', () => {
    expect(describeAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', '—')).toBe('Chrome · Windows');
    expect(describeAgent('Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0', '—')).toBe('Firefox · Linux');
    expect(describeAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0', '—')).toBe('Edge · Windows');
  });

  it('falls back to the given word or a short prefix', () => {
    expect(describeAgent(null, '—')).toBe('—');
    expect(describeAgent('curl/8.0', '—')).toBe('curl/8.0');
  });
});
