import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the network jail: in-process DNS and connections reach loopback only (test/support/networkJail.ts)
    setupFiles: ['test/support/setupNetworkJail.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
