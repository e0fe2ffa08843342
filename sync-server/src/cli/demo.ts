import type { Config } from '../config';
import type { Logger } from '../logger';

/** Placeholder replaced by the demo dataset loader. */
export async function runDemo(_config: Config, _logger: Logger, _url: string | undefined): Promise<void> {
  throw new Error('demo: pas encore disponible');
}
