// Where a project keeps the tests of a file, by the conventions of each ecosystem. Write Tests
// appends to the first candidate that exists; without one, the tests go below the selection.

export function testFileCandidates(relativePath: string, languageId: string): string[] {
  const p = relativePath.replace(/\\/g, '/');
  const slash = p.lastIndexOf('/');
  const dir = slash >= 0 ? p.slice(0, slash + 1) : '';
  const file = p.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const ext = dot > 0 ? file.slice(dot) : '';
  const srcToTest = (root: string) => (dir.startsWith('src/') ? `${root}/${dir.slice(4)}` : `${root}/${dir}`).replace(/\/+/g, '/');
  switch (languageId) {
    case 'typescript': case 'typescriptreact': case 'javascript': case 'javascriptreact':
      if (/\.(test|spec)$/.test(stem)) return [];
      return [`${dir}${stem}.test${ext}`, `${dir}${stem}.spec${ext}`, `${dir}__tests__/${stem}.test${ext}`,
        `${srcToTest('test')}${stem}.test${ext}`, `${srcToTest('tests')}${stem}.test${ext}`];
    case 'python':
      if (stem.startsWith('test_') || stem.endsWith('_test')) return [];
      return [`${dir}test_${stem}.py`, `${dir}tests/test_${stem}.py`, `tests/test_${stem}.py`, `test/test_${stem}.py`, `${dir}${stem}_test.py`];
    case 'go':
      return stem.endsWith('_test') ? [] : [`${dir}${stem}_test.go`];
    case 'java': case 'kotlin':
      return dir.includes('/main/') ? [`${dir.replace('/main/', '/test/')}${stem}Test${ext}`] : [`${dir}${stem}Test${ext}`];
    case 'ruby':
      return [`spec/${dir.replace(/^(lib|app)\//, '')}${stem}_spec.rb`, `test/${dir.replace(/^(lib|app)\//, '')}${stem}_test.rb`];
    case 'csharp':
      return [`${dir}${stem}Tests.cs`];
    default:
      return [];
  }
}
