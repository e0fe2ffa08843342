import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the print sheet is drawn: only while printing (the "Imprimer" button or the browser's
 * own Ctrl+P), so the screen board does not pay for a second copy of every mission.
 */
export function usePrinting(): { active: boolean; print: () => void } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const before = (): void => flushSync(() => setActive(true));
    const after = (): void => setActive(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const print = useCallback(() => {
    flushSync(() => setActive(true));
    window.print();
  }, []);
  return { active, print };
}
