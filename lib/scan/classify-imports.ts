// Safety of each global a pickle imports. Safe: what plain tensor/array state
// needs to rebuild. Dangerous: anything that runs commands, code, files or the
// network. Everything else is suspicious: it runs arbitrary constructors.

export type Safety = "safe" | "suspicious" | "dangerous";

const SAFE_EXACT = new Set([
  "collections.OrderedDict",
  "collections.defaultdict",
  "torch._utils._rebuild_tensor",
  "torch._utils._rebuild_tensor_v2",
  "torch._utils._rebuild_tensor_v3",
  "torch._utils._rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state",
  "torch._utils._rebuild_qtensor",
  "torch._utils._rebuild_sparse_tensor",
  "torch._utils._rebuild_meta_tensor_no_storage",
  "torch._tensor._rebuild_from_type_v2",
  "torch.Size",
  "torch.device",
  "torch.storage.UntypedStorage",
  "torch.storage.TypedStorage",
  "numpy.core.multiarray._reconstruct",
  "numpy._core.multiarray._reconstruct",
  "numpy.core.multiarray.scalar",
  "numpy._core.multiarray.scalar",
  "numpy.ndarray",
  "numpy.dtype",
  "_codecs.encode",
  "copyreg._reconstructor",
  "copy_reg._reconstructor",
]);
const SAFE_BUILTINS = new Set(["set", "frozenset", "slice", "range", "complex", "bytearray", "bytes", "dict", "list", "tuple", "int", "float", "bool", "str", "object"]);
const TORCH_DTYPE = /^(float|double|half|bfloat16|float16|float32|float64|int|int8|int16|int32|int64|uint8|uint16|uint32|uint64|long|short|bool|complex64|complex128|cfloat|cdouble|float8_e4m3fn|float8_e5m2|qint8|quint8|qint32)$/;

const DANGEROUS_MODULES = [
  "os", "posix", "nt", "subprocess", "sys", "socket", "shutil", "runpy", "pty", "commands", "webbrowser",
  "importlib", "imp", "ctypes", "multiprocessing", "code", "codeop", "pdb", "bdb", "platform", "asyncio",
  "http", "httplib", "urllib", "urllib2", "urllib3", "requests", "ftplib", "telnetlib", "smtplib", "poplib",
  "pickle", "_pickle", "cPickle", "dill", "cloudpickle", "joblib", "marshal", "types", "pathlib", "io", "_io",
  "tempfile", "glob", "signal", "threading", "_thread", "thread", "zipimport", "pkgutil", "site",
  "torch.hub", "torch.jit", "torch.ops", "torch.utils.cpp_extension", "torch.serialization", "numpy.testing",
  "numpy.lib.npyio", "numpy.f2py", "pydoc", "timeit", "trace", "profile", "cProfile", "operator", "functools",
];
const DANGEROUS_BUILTINS = new Set([
  "eval", "exec", "execfile", "compile", "open", "__import__", "getattr", "setattr", "delattr", "globals",
  "locals", "vars", "input", "raw_input", "breakpoint", "apply", "file", "reload", "memoryview", "help", "exit", "quit",
]);

export function classifyGlobal(module: string, name: string): Safety {
  const full = `${module}.${name}`;
  if (module === "builtins" || module === "__builtin__" || module === "__builtins__") {
    if (SAFE_BUILTINS.has(name)) return "safe";
    return DANGEROUS_BUILTINS.has(name) ? "dangerous" : "suspicious";
  }
  if (DANGEROUS_MODULES.some((m) => module === m || module.startsWith(`${m}.`))) return "dangerous";
  if (SAFE_EXACT.has(full)) return "safe";
  if (module === "torch" && (/^[A-Z][A-Za-z0-9]*Storage$/.test(name) || TORCH_DTYPE.test(name))) return "safe";
  return "suspicious";
}

export function worst(a: Safety, b: Safety): Safety {
  const rank = { safe: 0, suspicious: 1, dangerous: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}
