// Entry of the Restricted Mode suite: the same runner as the integration suite, its own tests.
import { runSuite } from '../integration/index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
