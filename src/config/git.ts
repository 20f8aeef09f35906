import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the system `git`; never prompts for credentials (a prompt would hang `deps`). */
async function git(args: string[], cwd?: string): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

function gitMessage(err: unknown): string {
  const stderr = (err as { stderr?: string }).stderr;
  const text = stderr?.trim() || (err instanceof Error ? err.message : String(err));
  return text.split('\n').filter(Boolean).slice(-1)[0] ?? text;
}

/**
 * Clones `url` into `dest` and checks out `revision` (a branch, tag or commit sha; the default
 * branch when absent). Returns the commit sha checked out, or git's own error line.
 */
export async function cloneAndCheckout(
  url: string,
  dest: string,
  revision: string | undefined,
): Promise<{ sha: string } | { error: string }> {
  try {
    await git(['clone', '--quiet', url, dest]);
  } catch (err) {
    return { error: `git clone failed: ${gitMessage(err)}` };
  }
  if (revision !== undefined && revision !== 'HEAD') {
    try {
      await git(['checkout', '--quiet', revision], dest);
    } catch {
      // A sha that no branch reaches is not in a plain clone; ask the remote for it directly.
      try {
        await git(['fetch', '--quiet', 'origin', revision], dest);
        await git(['checkout', '--quiet', 'FETCH_HEAD'], dest);
      } catch (err) {
        return { error: `revision '${revision}' not found: ${gitMessage(err)}` };
      }
    }
  }
  try {
    return { sha: await git(['rev-parse', 'HEAD'], dest) };
  } catch (err) {
    return { error: gitMessage(err) };
  }
}
