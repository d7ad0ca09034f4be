// The language server as a process (dist/server.js, built by the global setup), spoken to over
// stdio like any editor would.
import { connectivitySuite } from './suites/connectivity';
import { editingSuite } from './suites/editing';
import { modesSuite } from './suites/modes';

editingSuite();
modesSuite();
connectivitySuite();
