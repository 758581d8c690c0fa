/**
 * Saving the audit export in the browser (no Node in the renderer): a Blob and an <a download>.
 * The core names the file; the name is made safe for every file system before it is used.
 */

/** A file name without folders or characters Windows refuses, ending in .csv. */
export function safeCsvFilename(name: string, fallback = 'audit.csv'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  const named = cleaned === '' ? fallback : cleaned;
  return /\.csv$/i.test(named) ? named : `${named}.csv`;
}

export function downloadCsv(filename: string, csv: string): void {
  // A byte-order mark so spreadsheet programs read the UTF-8 (client names) correctly.
  const blob = new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeCsvFilename(filename);
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL is not needed past this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
