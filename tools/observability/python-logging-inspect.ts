/**
 * Reads the logging dictConfig(s) of a Python file with Python's own parser (`ast`, no import, no execution):
 * formatters, filters, handlers (rotation sizes when they are literals), loggers, root, and whether logs are JSON.
 */
import { ToolFailure } from '../../src/errors.js';
import { runCommand } from '../shared/run-command.js';

export interface PythonLoggingHandler {
  name: string;
  class: string | null;
  /** A number when written as a literal, 'expression' when computed (e.g. from os.getenv), null when absent. */
  maxBytes: number | 'expression' | null;
  backupCount: number | 'expression' | null;
}

export interface PythonLoggingConfig {
  variable: string;
  line: number;
  formatters: string[];
  filters: string[];
  handlers: PythonLoggingHandler[];
  loggers: string[];
  root: boolean;
  jsonFormatter: boolean;
}

const SCRIPT = String.raw`
import ast, json, sys
path = sys.argv[1]
try:
    tree = ast.parse(open(path, encoding="utf-8").read(), filename=path)
except SyntaxError as e:
    print(json.dumps({"error": f"line {e.lineno}: {e.msg}"})); sys.exit(0)
def key(k):
    return k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) else None
def entries(d):
    return {key(k): v for k, v in zip(d.keys, d.values) if key(k) is not None} if isinstance(d, ast.Dict) else {}
def literal(node):
    if node is None: return None
    try:
        v = ast.literal_eval(node)
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else "expression"
    except Exception:
        return "expression"
out = []
for node in ast.walk(tree):
    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or not isinstance(node.value, ast.Dict): continue
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    top = entries(node.value)
    if not names or "version" not in top or not ({"handlers", "loggers", "root", "formatters"} & top.keys()): continue
    formatters = entries(top.get("formatters"))
    handlers = []
    for name, h in entries(top.get("handlers")).items():
        fields = entries(h)
        cls = fields.get("class")
        handlers.append({"name": name, "class": cls.value if isinstance(cls, ast.Constant) else None,
                         "maxBytes": literal(fields.get("maxBytes")), "backupCount": literal(fields.get("backupCount"))})
    def is_json(f):
        fields = entries(f)
        return any(isinstance(v, ast.Constant) and isinstance(v.value, str) and "json" in v.value.lower()
                   for k, v in fields.items() if k in ("()", "class"))
    out.append({"variable": names[0], "line": node.lineno, "formatters": list(formatters),
                "filters": list(entries(top.get("filters"))), "handlers": handlers,
                "loggers": list(entries(top.get("loggers"))), "root": "root" in top,
                "jsonFormatter": any(is_json(f) for f in formatters.values())})
print(json.dumps({"configs": out}))
`;

/** The logging configs in `file`; null when python3 is not installed (the caller says so), ToolFailure on a syntax error. */
export async function inspectPythonLogging(file: string, options: { cwd: string; signal?: AbortSignal }): Promise<PythonLoggingConfig[] | null> {
  const result = await runCommand(['python3', '-c', SCRIPT, file], { cwd: options.cwd, timeoutMs: 30_000, signal: options.signal });
  if (result.notFound) return null;
  if (result.exitCode !== 0) throw new ToolFailure(`python3 could not read ${file}: ${result.stderr.split('\n').at(-1) ?? result.failure}`, { file });
  const parsed = JSON.parse(result.stdout) as { configs?: PythonLoggingConfig[]; error?: string };
  if (parsed.error) throw new ToolFailure(`${file} ${parsed.error}: not valid Python`, { file });
  return parsed.configs ?? [];
}
