// Mocha's spec reporter plus the closing `<suite>: N passed, N failed` line every suite prints.
// The suite name comes from FAST_INLINE_SUITE.
'use strict';
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats || {};
      const skipped = pending ? `, ${pending} skipped` : '';
      console.log(`${process.env.FAST_INLINE_SUITE || 'tests'}: ${passes} passed, ${failures} failed${skipped}`);
    });
  }
}

module.exports = CountingReporter;
