import { bindRefusal, listenHost } from './bind';
import { parseEnv } from './env';

/** Why the server must not start with these settings, or undefined. */
export function startupRefusal(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): string | undefined {
  let mode: ReturnType<typeof parseEnv>['WHEELHOUSE_AUTH_MODE'];
  try {
    mode = parseEnv(env).WHEELHOUSE_AUTH_MODE;
  } catch (e) {
    return e instanceof Error ? e.message : 'Wheelhouse settings are not valid.';
  }
  return bindRefusal(mode, listenHost(argv, env));
}

/** Exits the process with the reason when the settings are unsafe. */
export function enforceStartupPolicy(): void {
  const refusal = startupRefusal(process.argv, process.env);
  if (!refusal) return;
  console.error(`\n[wheelhouse] ${refusal}\n`);
  process.exit(78); // EX_CONFIG: the settings, not the code, are wrong.
}
