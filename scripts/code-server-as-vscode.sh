#!/bin/sh
# A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) on machines
# without desktop VS Code: it runs the suite in code-server's Node extension host instead.
exec node "$(dirname "$0")/runInCodeServer.js" "$@"
