/** The 12 hex digits Docker's builder prints for an image or container. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** `Step 3/10 : COPY . /app`, as the classic builder heads each step. */
export function stepLine(step: number, total: number, text: string): string {
  return `Step ${step}/${total} : ${text}\n`;
}
