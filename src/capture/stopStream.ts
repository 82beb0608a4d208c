/** Ends every track of a stream, which is what turns the camera light off. Safe to call twice. */
export function stopStream(stream: MediaStream | null | undefined): void {
  if (!stream) return;
  for (const track of stream.getTracks()) track.stop();
}
