/**
 * What `lkj` exits with, one meaning per code, so a script can tell them apart.
 * 0 done; 1 an input failed (a document refused or failed for its content, a file missing);
 * 2 usage (a wrong option, a command refused); 3 internal (a bug or the environment, not the input:
 * retry or alert); 4 not ready (`lkj report`: the document is stored but has no report yet).
 */
export const EXIT = { ok: 0, inputFailed: 1, usage: 2, internal: 3, notReady: 4 } as const;
