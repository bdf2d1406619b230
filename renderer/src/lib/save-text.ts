/**
 * Hands a text file to the user: a download in the browser and in Electron
 * alike (Electron asks where to save it). CSV is typed so Excel takes the BOM.
 */
export function saveText(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
