/** A `?next=` target that stays inside the console (a path, never another origin or a scheme). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  for (let index = 0; index < value.length; index += 1) if (value.charCodeAt(index) < 0x20) return '/';
  return value;
}
