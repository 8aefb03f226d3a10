// vitest setupFiles entry: every test file runs with the network jail on (see networkJail.ts).
import { installNetworkJail } from './networkJail';

installNetworkJail();
