/** Minutes since midnight of a `HH:MM` time (up to 28:00 for night runs). */
export function timeToMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}
