// The pseudocode detector (src/core/pseudocode/detect.ts) against a labelled table of realistic
// snippets: positives (steps in comments, docstrings, block comments, plain prose) and negatives
// (licence headers, commented-out code, doc comments on finished functions, lone TODOs, banners,
// directives, preprocessor lines, comments explaining the code below, English inside strings …).
//
// Snippet format: every line starts with a 2-character gutter that is stripped. "> " marks the
// lines of an expected block (consecutive "> " lines = one block), "  " anything else. Cases with
// no "> " line expect no block. A labelled block counts as found when a detected block overlaps it;
// a detected block that overlaps no label is a false positive. Precision and recall are printed.

import * as assert from 'assert';
import { detectPseudocode, PseudocodeBlock } from '../../src/core/pseudocode/detect';

interface Case { name: string; lang: string; src: string }

const CASES: Case[] = [
  // ---------------------------------------------------------------- Python
  {
    name: 'python: comment steps in an empty def', lang: 'python', src: `
  import statistics
  
  def median(xs):
>     # sort a copy of the list
>     # if the count is odd return the middle element
>     # otherwise return the mean of the two middle elements
  
  
  def mode(xs):
      return statistics.mode(xs)`,
  },
  {
    name: 'python: one-line docstring of steps, nothing after', lang: 'python', src: `
  def median(xs):
>     """sort xs, then return the middle element (mean of the two middle ones if even)"""
  
  def spread(xs):
      return max(xs) - min(xs)`,
  },
  {
    name: 'python: docstring of steps + pass, Args section', lang: 'python', src: `
  class Report:
      def totals(self, orders):
>         """Group the orders by region.
>
>         Sum the amounts per region, then sort the regions by total, highest first.
>
>         Args:
>             orders: the orders to summarise
>         """
          pass
  
      def render(self):
          return "report"`,
  },
  {
    name: 'python: numbered steps between functions', lang: 'python', src: `
  def load(path):
      with open(path) as f:
          return f.read()
  
> # 1. read the csv file
> # 2. drop rows with an empty email
> # 3. write the rest to out.csv
  
  def main():
      load("a.csv")`,
  },
  {
    name: 'python: plain prose steps typed in a def', lang: 'python', src: `
  def median(xs):
>     sort the list
>     if the length is odd return the middle element
>     otherwise return the average of the two middle elements
  
  print(median([3, 1, 2]))`,
  },
  {
    name: 'python: single step comment + raise NotImplementedError', lang: 'python', src: `
  class Cache:
      def evict(self):
>         # remove the least recently used entry and return its key
          raise NotImplementedError
  
      def size(self):
          return len(self.items)`,
  },
  {
    name: 'python: "Pseudocode:" header in a method', lang: 'python', src: `
  class Ledger:
      def balance(self, account):
>         # Pseudocode:
>         # look up the account's entries
>         # add credits, subtract debits
>         # return the balance rounded to cents
          ...
  `,
  },
  {
    name: 'python: licence header (MIT)', lang: 'python', src: `
  # Copyright (c) 2024 Example Corp.
  #
  # Permission is hereby granted, free of charge, to any person obtaining a copy
  # of this software and associated documentation files, to deal in the Software
  # without restriction, including without limitation the rights to use, copy,
  # modify, merge, publish, distribute, sublicense, and/or sell copies.
  
  import os`,
  },
  {
    name: 'python: commented-out code', lang: 'python', src: `
  def total(rows):
      result = 0
      # for row in rows:
      #     result += row.amount
      # print(result)
      return sum(r.amount for r in rows)`,
  },
  {
    name: 'python: docstring on a finished function', lang: 'python', src: `
  def median(xs):
      """Sort the values and return the middle one.
  
      If the count is even, return the mean of the two middle values.
      """
      s = sorted(xs)
      n = len(s)
      return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2`,
  },
  {
    name: 'python: shebang, coding, type: ignore, noqa, region', lang: 'python', src: `
  #!/usr/bin/env python3
  # -*- coding: utf-8 -*-
  import numpy  # type: ignore
  # noqa: E501
  # region Helpers
  def f():
      return 1
  # endregion`,
  },
  {
    name: 'python: explanatory comment attached to code', lang: 'python', src: `
  def lookup(key):
      # Check the cache first because the database lookup is slow,
      # then fall back to the database.
      if key in CACHE:
          return CACHE[key]
      return db.get(key)`,
  },
  {
    name: 'python: steps inside a string are not comments', lang: 'python', src: `
  PROMPT = """
  # sort the list
  # return the middle element
  """
  
  def f():
      return PROMPT`,
  },
  {
    name: 'python: wordy code lines are not prose', lang: 'python', src: `
  from . import views
  def pick(a, b, c):
      assert a is not None
      return a if b else c
  
  async def main():
      await asyncio.sleep(1)`,
  },
  // ---------------------------------------------------------------- TypeScript / JavaScript
  {
    name: 'ts: steps in an empty function body', lang: 'typescript', src: `
  export function applyDiscount(items: Item[], code: string): number {
>   // look the code up in the table of percentages
>   // throw if the code is unknown
>   // return the discounted total rounded to cents
  }`,
  },
  {
    name: 'ts: header + steps above an empty function', lang: 'typescript', src: `
  import { Order } from './types';
  
> // group orders by customer:
> // sum the totals per customer
> // sort customers by total, highest first
  export function topCustomers(orders: Order[]): string[] {
  }`,
  },
  {
    name: 'ts: TODO: implement header + bullets, detached', lang: 'typescript', src: `
  export class Uploader {
    async upload(file: File): Promise<void> {
>     // TODO: implement:
>     //  - split the file into 5 MB chunks
>     //  - upload the chunks in parallel, at most 4 at a time
>     //  - retry a failed chunk up to 3 times
  
      this.done = true;
    }
  }`,
  },
  {
    name: 'js: block comment steps + not-implemented throw', lang: 'javascript', src: `
  function parseDuration(text) {
>   /*
>    * split the text into number/unit pairs
>    * convert each pair to milliseconds
>    * return the sum
>    */
    throw new Error('not implemented');
  }
  
  module.exports = { parseDuration };`,
  },
  {
    name: 'js: one compound step line on its own', lang: 'javascript', src: `
  const api = require('./api');
  
> // fetch the users, filter out inactive ones and render the list
  
  async function main() {
    await api.init();
  }`,
  },
  {
    name: 'ts: plain prose steps typed in a method', lang: 'typescript', src: `
  class Cart {
    total(): number {
>     for each item add its price times its quantity
>     then apply the discount and return the total
    }
  }`,
  },
  {
    name: 'ts: JSDoc on a finished function', lang: 'typescript', src: `
  /**
   * Compute the total of the cart.
   * Sort items by price, then sum them.
   * @param items the cart items
   * @returns the total in cents
   */
  export function total(items: Item[]): number {
    return items.reduce((s, i) => s + i.price, 0);
  }`,
  },
  {
    name: 'ts: licence block comment (Apache)', lang: 'typescript', src: `
  /*
   * Copyright 2023 Example LLC
   *
   * Licensed under the Apache License, Version 2.0 (the "License");
   * you may not use this file except in compliance with the License.
   * Check the License for the specific language governing permissions.
   */
  export const x = 1;`,
  },
  {
    name: 'js: commented-out code block', lang: 'javascript', src: `
  function save(user) {
    // const old = cache.get(user.id);
    // if (old) {
    //   cache.delete(old.id);
    // }
    cache.set(user.id, user);
  }`,
  },
  {
    name: 'js: single TODO next to code', lang: 'javascript', src: `
  function load(path) {
    // TODO: handle errors and retry on timeout
    return fs.readFileSync(path, 'utf8');
  }`,
  },
  {
    name: 'ts: section banners and directives', lang: 'typescript', src: `
  // ===== Helpers =====
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const anyValue: any = 1;
  // ---------------------------------------------------------------------------
  /* prettier-ignore */
  const matrix = [1,0,0, 0,1,0, 0,0,1];
  // @ts-expect-error legacy
  legacy();`,
  },
  {
    name: 'js: English lines inside a template literal', lang: 'javascript', src: `
  const help = \`
  sort the list by name
  then print the first ten entries
  // return the rest
  \`;
  console.log(help);`,
  },
  {
    name: 'tsx: JSX text is not prose', lang: 'typescriptreact', src: `
  export function Help() {
    return (
      <p>
        Sort the items by price and show the first ten of them
      </p>
    );
  }`,
  },
  // ---------------------------------------------------------------- Go
  {
    name: 'go: steps in an empty func with panic("not implemented")', lang: 'go', src: `
  package stats
  
  func Median(xs []float64) float64 {
> 	// copy and sort the slice
> 	// return the middle element, or the mean of the two middle ones
  	panic("not implemented")
  }`,
  },
  {
    name: 'go: header + steps between funcs', lang: 'go', src: `
  func hello(w http.ResponseWriter, r *http.Request) {
  	fmt.Fprintf(w, "hello\\n")
  }
  
> // healthz handler:
> // respond 200 with {"status":"ok"} as JSON
> // set the content type header
  
  func main() {
  	http.HandleFunc("/hello", hello)
  }`,
  },
  {
    name: 'go: steps above an empty func', lang: 'go', src: `
  package cache
  
> // evict the oldest entries until the size is under the limit
> // log how many entries were evicted
  func (c *Cache) trim() {
  }`,
  },
  {
    name: 'go: doc comment on a finished func', lang: 'go', src: `
  // Median returns the median of xs.
  // It sorts a copy of the slice and picks the middle element.
  func Median(xs []float64) float64 {
  	s := append([]float64(nil), xs...)
  	sort.Float64s(s)
  	return s[len(s)/2]
  }`,
  },
  {
    name: 'go: directives and build tags', lang: 'go', src: `
  //go:build linux
  // +build linux
  
  package main
  
  //go:generate stringer -type=Color
  type Color int`,
  },
  // ---------------------------------------------------------------- Rust
  {
    name: 'rust: steps in a fn with todo!()', lang: 'rust', src: `
  impl Point {
      pub fn distance(&self, other: &Point) -> f64 {
>         // subtract the coordinates
>         // return the square root of the sum of squares
          todo!()
      }
  }`,
  },
  {
    name: 'rust: header + steps at the end of an impl', lang: 'rust', src: `
  impl Point {
      pub fn new(x: f64, y: f64) -> Self {
          Point { x, y }
      }
  
>     // distance to another point:
>     // subtract the coordinates
>     // return the square root of the sum of squares
  }`,
  },
  {
    name: 'rust: rustdoc on a finished fn', lang: 'rust', src: `
  /// Returns the distance between two points.
  ///
  /// # Examples
  ///
  /// \`\`\`
  /// let d = a.distance(&b);
  /// \`\`\`
  pub fn distance(&self, other: &Point) -> f64 {
      ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
  }`,
  },
  {
    name: 'rust: attributes and a lone explanatory comment', lang: 'rust', src: `
  #[derive(Debug, Clone)]
  #[serde(rename_all = "camelCase")]
  pub struct Config {
      // Use the default port unless overridden.
      pub port: u16,
  }`,
  },
  // ---------------------------------------------------------------- Java / C / C++ / C#
  {
    name: 'java: steps in a method that throws UnsupportedOperationException', lang: 'java', src: `
  public class Invoices {
      public BigDecimal total(List<Line> lines) {
>         // for each line multiply the unit price by the quantity
>         // add the tax for the line's country
>         // return the sum rounded half-up to 2 decimals
          throw new UnsupportedOperationException();
      }
  }`,
  },
  {
    name: 'java: Javadoc on a finished method', lang: 'java', src: `
  public class Invoices {
      /**
       * Computes the invoice total.
       * @param lines the invoice lines
       * @return the total
       */
      public BigDecimal total(List<Line> lines) {
          return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
      }
  }`,
  },
  {
    name: 'c: steps in main before return 0', lang: 'c', src: `
  #include <stdio.h>
  
  int main(void) {
>     // read numbers from stdin until EOF
>     // print their sum and their average
      return 0;
  }`,
  },
  {
    name: 'c: preprocessor lines are code', lang: 'c', src: `
  #include <stdlib.h>
  #pragma once
  #define MAX(a, b) ((a) > (b) ? (a) : (b))
  #ifdef DEBUG
  # define LOG(x) printf x
  #endif`,
  },
  {
    name: 'cpp: steps with Allman braces', lang: 'cpp', src: `
  std::vector<int> topK(const std::vector<int>& v, int k)
  {
>     // copy the vector
>     // partially sort the first k elements in descending order
>     // return the first k elements
  }`,
  },
  {
    name: 'cpp: commented-out code', lang: 'cpp', src: `
  int median(std::vector<int> v) {
      // std::sort(v.begin(), v.end());
      // return v[v.size() / 2];
      std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
      return v[v.size() / 2];
  }`,
  },
  {
    name: 'csharp: #region and XML doc on a finished method', lang: 'csharp', src: `
  #region Helpers
  /// <summary>
  /// Computes the total.
  /// </summary>
  public decimal Total(IEnumerable<Line> lines)
  {
      return lines.Sum(l => l.Amount);
  }
  #endregion`,
  },
  {
    name: 'kotlin: steps in a fun with TODO()', lang: 'kotlin', src: `
  fun slugify(title: String): String {
>     // lowercase the title
>     // replace runs of non-alphanumerics with a dash
>     // trim dashes from both ends
      TODO()
  }`,
  },
  // ---------------------------------------------------------------- Ruby
  {
    name: 'ruby: steps in an empty def', lang: 'ruby', src: `
  class Report
    def monthly_totals(orders)
>     # group the orders by month
>     # sum the amounts per month
>     # return a hash of month => total
    end
  end`,
  },
  {
    name: 'ruby: magic comments, rubocop, config note', lang: 'ruby', src: `
  # frozen_string_literal: true
  # rubocop:disable Metrics/MethodLength
  
  class Server
    # Use the default port unless PORT is set
    PORT = ENV.fetch('PORT', 8080)
  end`,
  },
  {
    name: 'ruby: RSpec and heredoc text', lang: 'ruby', src: `
  describe Report do
    it 'sorts the orders by date' do
      text = <<~EOS
        # sort the orders by date
        # return the first ten
      EOS
      expect(text).to include('sort')
    end
  end`,
  },
  // ---------------------------------------------------------------- Shell
  {
    name: 'shell: step comments at the end of a script', lang: 'shellscript', src: `
  #!/usr/bin/env bash
  set -euo pipefail
  LOG_DIR=/var/log/app
  
> # loop over the log files in LOG_DIR
> # compress each one older than 7 days
> # delete archives older than 30 days`,
  },
  {
    name: 'shell: comments explaining the commands below', lang: 'shellscript', src: `
  #!/bin/sh
  # Install the dependencies first,
  # then build the project in release mode.
  npm ci
  npm run build -- --release`,
  },
  {
    name: 'shell: heredoc content and $# are not comments', lang: 'shellscript', src: `
  echo "args: $#"
  cat > job.py <<'EOF'
  # read the input file
  # count the words and print the total
  print("hi")
  EOF`,
  },
  // ---------------------------------------------------------------- SQL
  {
    name: 'sql: header + join/group/order steps', lang: 'sql', src: `
> -- monthly revenue per customer:
> -- join orders with customers
> -- group by customer and month
> -- order by revenue, highest first
  SELECT 1;`,
  },
  {
    name: 'sql: steps at the end of the file', lang: 'sql', src: `
  CREATE TABLE users (id int, email text, active boolean);
  
> -- select the active users
> -- count them per email domain
> -- return the ten largest domains`,
  },
  {
    name: 'sql: paragraph introducing the query below a blank line', lang: 'sql', src: `
  CREATE TABLE users (id int, email text, active boolean);
  
  -- select the active users
  -- count them per email domain
  
  SELECT split_part(email, '@', 2) AS domain, count(*) FROM users WHERE active GROUP BY 1;`,
  },
  {
    name: 'sql: explanatory comment attached to a query', lang: 'sql', src: `
  -- Only active users are included here,
  -- see the retention policy for the rest.
  SELECT id, email
  FROM users
  WHERE active;`,
  },
  // ---------------------------------------------------------------- YAML
  {
    name: 'yaml: configuration notes', lang: 'yaml', src: `
  server:
    # Use the default port
    port: 8080
    # Set the host to 0.0.0.0 to listen on all interfaces
    # and restart the server after changing it
    host: 127.0.0.1`,
  },
  // ---------------------------------------------------------------- found in real code (regressions)
  {
    name: 'ts: comment in an empty catch', lang: 'typescript', src: `
  function readCache(): boolean | undefined {
    try {
      return JSON.parse(localStorage.getItem('sso') ?? '').ok;
    } catch {
      // If parsing fails, return undefined
    }
    return undefined;
  }`,
  },
  {
    name: 'js: comment in a swallowing .catch callback', lang: 'javascript', src: `
  promise.catch(() => {
    /* ignore */
  });
  done.catch(() => {
    // Swallow it here so it does not surface as an unhandled rejection;
    // the navigation error is propagated instead.
  });`,
  },
  {
    name: 'js: comment describing the next else-if branch', lang: 'javascript', src: `
  function usage(actions) {
    if (actions.length === 0) {
      usage = prog;
  
    // if optionals and positionals are available, calculate usage
    } else if (usage === undefined) {
      usage = format(actions);
    }
  }`,
  },
  {
    name: 'python: docstring of an abstract method (raise NotImplementedError)', lang: 'python', src: `
  class Mailbox:
      def add(self, message):
          """Add message and return assigned key."""
          raise NotImplementedError('Method must be implemented by subclass')
  
      def flush(self):
          """Write any pending changes to disk, then close the file."""
          raise NotImplementedError`,
  },
  {
    name: 'python: docstrings in a Protocol', lang: 'python', src: `
  class Reader(Protocol):
      def read(self, n: int) -> bytes:
          """Read up to n bytes and return them."""
          ...
  
      def close(self) -> None:
          """Flush the buffers and close the stream."""
          ...`,
  },
  {
    name: 'cpp: doc above a constructor with an initializer list', lang: 'cpp', src: `
  class AliasSetTracker {
  public:
    /// Create an empty collection of AliasSets, and use the specified alias
    /// analysis object to disambiguate load and store addresses.
    explicit AliasSetTracker(AAResults &AA) : AA(AA) {}
  };`,
  },
  {
    name: 'cpp: comments trailing one-line member functions', lang: 'cpp', src: `
  class Window {
    int idlok(bool bf) { return ::idlok(w, bf); }
    // If bf is TRUE, use insert/delete line hardware support if possible.
    // Otherwise do it in software.
  
    void idcok(bool bf) { ::idcok(w, bf); }
  };`,
  },
  {
    name: 'python: intentionally empty if-branch', lang: 'python', src: `
  def parse_fields(fields, key):
      if key in fields:
          # Ignore it
          pass
      else:
          fields[key] = None`,
  },
  {
    name: 'js: numbered list of facts under a header', lang: 'javascript', src: `
  // Changes from joyent/node:
  //
  // 1. No leading slash in paths,
  //    e.g. in url.parse('http://foo?bar') pathname is empty, not '/'
  //
  // 2. Backslashes are not replaced with slashes
  
  function Url() {
    this.protocol = null;
  }`,
  },
  {
    name: 'js: a contract for implementers above a not-implemented method', lang: 'javascript', src: `
  // This is the part where you do stuff!
  // Override this function in implementation classes.
  // Call push(newChunk) to pass along transformed output to the readable side.
  // Call cb(err) when you are done with this chunk.
  Transform.prototype._transform = function (chunk, encoding, cb) {
    throw new Error('Not implemented');
  };`,
  },
  {
    name: 'c: block comment under a preprocessor #else', lang: 'c', src: `
  #ifdef _MSC_VER
  #  define PNGCAPI __cdecl
  #else
     /* An older compiler: if necessary override on the command line
      * to get the correct variants for the compiler.
      */
  #  define PNGCAPI _cdecl
  #endif`,
  },
  {
    name: 'python: statements whose names are English words', lang: 'python', src: `
  def respond(which, resp, using):
      if which is not None:
          return which
      for each in resp:
          print(each)
      if using is not None:
          return using`,
  },
  {
    name: 'python: comment paragraph about the def below it', lang: 'python', src: `
  import os
  
  # Expand paths beginning with '~' or '~user'.
  # If the path does not begin with '~', return it unchanged.
  
  def expanduser(path):
      return os.path.expanduser(path)`,
  },
  {
    name: 'js: a list of separate TODO notes', lang: 'javascript', src: `
  Promise.prototype.catch = function (onFail) {
    return this.then(null, onFail);
  };
  
  // TODO: add support for Promise.catch(Error, callback)
  // TODO: add support for Promise.catch(Error, Error, callback)
  
  Promise.prototype.always = function (fn) {
    return this.then(fn, fn);
  };`,
  },
  {
    name: 'java: numbered steps above a placeholder return null', lang: 'java', src: `
  public List<User> activeUsers() {
>     // 1. load all users from the repository
>     // 2. filter out the inactive ones
>     // 3. sort by last login, newest first
      return null;
  }`,
  },
  {
    name: 'csharp: TODO bullets + NotImplementedException, Allman braces', lang: 'csharp', src: `
  public decimal Total(Order order)
  {
>     // TODO:
>     // - sum the line amounts
>     // - apply the customer's discount
      throw new NotImplementedException();
  }`,
  },
  {
    name: 'go: TODO: implement above a func returning nil', lang: 'go', src: `
  package db
  
> // TODO: implement:
> // - open the sqlite db
> // - run the migrations in order
  func migrate(path string) error {
  	return nil
  }`,
  },
  {
    name: 'python: capitalised prose sentences in a def', lang: 'python', src: `
  def transpose(matrix):
>     Create a new list of rows.
>     For each column index, collect that element from every row.
>     Return the new rows.`,
  },
  {
    name: 'rust: steps in a fn with no stub', lang: 'rust', src: `
  impl Stack {
      pub fn pop(&mut self) -> Option<i32> {
>         // remove the last element and return it
>         // return None if the stack is empty
      }
  }`,
  },
  {
    name: 'js: steps in an empty route callback', lang: 'javascript', src: `
  app.post('/login', async (req, res) => {
>   // find the user by email
>   // check the password with bcrypt
>   // respond with a signed JWT
  });`,
  },
  {
    name: 'python: steps under if __name__ == "__main__"', lang: 'python', src: `
  if __name__ == "__main__":
>     # parse the command line
>     # run the server on the given port
      pass`,
  },
];

interface Parsed { lines: string[]; labels: [number, number][] }

function parse(src: string): Parsed {
  const raw = src.replace(/^\n/, '').split('\n');
  const lines: string[] = [];
  const labels: [number, number][] = [];
  let open = -1;
  raw.forEach((l, i) => {
    const g = l.slice(0, 2);
    lines.push(l.slice(2));
    if (g.startsWith('>')) { if (open < 0) open = i; }
    else if (open >= 0) { labels.push([open, i]); open = -1; }
  });
  if (open >= 0) labels.push([open, raw.length]);
  return { lines, labels };
}

const overlaps = (a: [number, number], b: PseudocodeBlock): boolean => a[0] < b.endLine && b.startLine < a[1];

describe('pseudocode detector: labelled table', () => {
  it('has ≥ 40 cases, ≥ 15 of them negatives, across the required languages', () => {
    const negatives = CASES.filter((c) => parse(c.src).labels.length === 0).length;
    const langs = new Set(CASES.map((c) => c.lang));
    assert.ok(CASES.length >= 40, `${CASES.length} cases`);
    assert.ok(negatives >= 15, `${negatives} negatives`);
    for (const l of ['python', 'typescript', 'javascript', 'go', 'rust', 'java', 'c', 'cpp', 'ruby', 'shellscript', 'sql']) assert.ok(langs.has(l), l);
  });

  it('precision ≥ 0.9 and recall ≥ 0.9 (printed, with the failures)', () => {
    let labelled = 0, found = 0, detected = 0, correct = 0;
    const failures: string[] = [];
    for (const c of CASES) {
      const { lines, labels } = parse(c.src);
      const blocks = detectPseudocode(lines, c.lang);
      labelled += labels.length;
      detected += blocks.length;
      for (const l of labels) {
        if (blocks.some((b) => overlaps(l, b))) found++;
        else failures.push(`MISSED   ${c.name}: lines ${l[0]}-${l[1] - 1}`);
      }
      for (const b of blocks) {
        if (labels.some((l) => overlaps(l, b))) correct++;
        else failures.push(`SPURIOUS ${c.name}: lines ${b.startLine}-${b.endLine - 1} ${JSON.stringify(b.steps)}`);
      }
    }
    const precision = detected === 0 ? 1 : correct / detected;
    const recall = labelled === 0 ? 1 : found / labelled;
    const negatives = CASES.filter((c) => parse(c.src).labels.length === 0).length;
    console.log(`      ${CASES.length} cases (${negatives} negative), ${labelled} labelled blocks, ${detected} detected`);
    console.log(`      precision ${precision.toFixed(3)} (${correct}/${detected}), recall ${recall.toFixed(3)} (${found}/${labelled})`);
    for (const f of failures) console.log(`      ${f}`);
    assert.ok(precision >= 0.9, `precision ${precision}`);
    assert.ok(recall >= 0.9, `recall ${recall}`);
  });

  it('detected ranges match the labels exactly on the table', () => {
    const off: string[] = [];
    for (const c of CASES) {
      const { lines, labels } = parse(c.src);
      const blocks = detectPseudocode(lines, c.lang);
      for (const l of labels) {
        const b = blocks.find((x) => overlaps(l, x));
        if (b && (b.startLine !== l[0] || b.endLine !== l[1])) off.push(`${c.name}: labelled ${l[0]}-${l[1]}, detected ${b.startLine}-${b.endLine}`);
      }
    }
    assert.deepStrictEqual(off, []);
  });

  it('scores accepted blocks in 0..1', () => {
    for (const c of CASES) {
      for (const b of detectPseudocode(parse(c.src).lines, c.lang)) assert.ok(b.score > 0 && b.score <= 1, `${c.name}: ${b.score}`);
    }
  });
});
