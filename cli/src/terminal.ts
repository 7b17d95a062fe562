// In-place redraw on a TTY: the alternate screen, cursor hidden, each frame written from the
// top-left with every line cleared to its end, so nothing scrolls and nothing flickers.

const ESC = '\x1b[';

export class LiveScreen {
  private open = false;

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {}

  draw(frame: string): void {
    if (!this.open) {
      this.out.write(`${ESC}?1049h${ESC}?25l`);
      this.open = true;
    }
    const body = frame
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => `${line}${ESC}K`)
      .join('\n');
    this.out.write(`${ESC}H${body}\n${ESC}J`);
  }

  /** Leaves the alternate screen and shows the cursor again; idempotent. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.out.write(`${ESC}?25h${ESC}?1049l`);
  }
}
