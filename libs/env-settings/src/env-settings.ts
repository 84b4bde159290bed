/**
 * Settings read from environment variables, shared by the worker, the gateway and the launcher so
 * that a bad value reads the same in every process: BAD_USER_INPUT with `details.argument` set to
 * the variable and the message "Expected <what> for <VARIABLE> but received <value>". The value
 * is cut to 100 characters; a caller passes "(hidden)" instead of a secret or a URL that may hold
 * a password. An unset or empty variable means "use the default", which stays with the caller.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';

const ECHOED_CHARACTERS = 100;
// A host name or IPv4 address, or an IPv6 address in brackets, then a port.
const ADDRESS = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):\d{1,5}$/;

export function invalidSetting(variable: string, expected: string, received: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected ${expected} for ${variable} but received ${JSON.stringify(received.slice(0, ECHOED_CHARACTERS))}`, {
    details: { argument: variable },
  });
}

/** Decimal digits only (no sign, exponent, fraction or blanks), between min and max inclusive. */
export function integerSetting(env: NodeJS.ProcessEnv, variable: string, min: number, max: number): number | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalidSetting(variable, `an integer between ${min} and ${max}`, raw);
  return value;
}

/**
 * host:port addresses separated by commas, trimmed; blank entries (a trailing comma) are dropped,
 * and a variable that names no address at all counts as unset.
 */
export function addressListSetting(env: NodeJS.ProcessEnv, variable: string): string[] | undefined {
  const addresses = (env[variable] ?? '').split(',').map((address) => address.trim()).filter((address) => address.length > 0);
  const wrong = addresses.find((address) => !ADDRESS.test(address));
  if (wrong !== undefined) throw invalidSetting(variable, 'host:port addresses separated by commas', wrong);
  return addresses.length === 0 ? undefined : addresses;
}
