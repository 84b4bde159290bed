// Stops the shared test platform (its process drops the test database and removes its folder).
const { existsSync, readFileSync, rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const file = process.env.EDGEPRESS_WEB_TEST_STATE;
  if (!file || !existsSync(file)) return;
  const { pid } = JSON.parse(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; waited < 20_000; waited += 200) {
      process.kill(pid, 0);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Still there: end its whole process group (it was started detached, with its children).
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
  for (const suffix of ['', '.build', '.stderr']) rmSync(`${file}${suffix}`, { force: true });
};
