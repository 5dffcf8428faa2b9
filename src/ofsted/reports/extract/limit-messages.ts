// The lines a reader hitting its limits ends with; every extractor says the same thing for the same limit.

export function timeoutMessage(timeoutMs: number): string {
  const took = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  return `reading the PDF took longer than ${took}; it may be damaged or built to be slow`;
}

export function memoryMessage(maxMemoryMb: number): string {
  return `reading the PDF needed more than ${maxMemoryMb} MB of memory; it may be damaged or hostile`;
}

export function crashMessage(detail: string): string {
  return `the PDF reader crashed on this file (${detail}); it may be damaged`;
}

export function tooLargeMessage(bytes: number): string {
  return `the file is ${Math.ceil(bytes / 1048576)} MB; an Ofsted report is far smaller`;
}
