// Safety of each global a pickle imports. Safe: what plain tensor/array state
// needs to rebuild, named exactly. Dangerous: anything that runs commands, code,
// files or the network, or reaches into objects (dunder attributes). Everything
// else is suspicious: it runs arbitrary constructors. Protocol 0-2 pickles are
// read with Python 2 names mapped to Python 3 ones (pickle's fix_imports): both
// names are judged and the worse verdict stands.

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
  // joblib's array wrappers hold shapes and dtypes; the arrays follow the pickle
  "joblib.numpy_pickle.NumpyArrayWrapper",
  "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper",
]);
const SAFE_BUILTINS = new Set(["set", "frozenset", "slice", "range", "complex", "bytearray", "bytes", "dict", "list", "tuple", "int", "float", "bool", "str", "object"]);
const TORCH_DTYPE = /^(float|double|half|bfloat16|float16|float32|float64|int|int8|int16|int32|int64|uint8|uint16|uint32|uint64|long|short|bool|complex64|complex128|cfloat|cdouble|float8_e4m3fn|float8_e5m2|qint8|quint8|qint32)$/;

const DANGEROUS_MODULES = [
  "os", "posix", "nt", "subprocess", "sys", "socket", "_socket", "socketserver", "SocketServer", "shutil", "runpy", "pty", "commands", "popen2", "webbrowser",
  "importlib", "imp", "ctypes", "_ctypes", "multiprocessing", "_multiprocessing", "code", "codeop", "pdb", "bdb", "platform", "asyncio",
  "http", "httplib", "BaseHTTPServer", "SimpleHTTPServer", "CGIHTTPServer", "urllib", "urllib2", "urllib3", "requests", "ftplib", "telnetlib",
  "smtplib", "poplib", "xmlrpc", "xmlrpclib", "SimpleXMLRPCServer", "DocXMLRPCServer",
  "pickle", "_pickle", "cPickle", "dill", "cloudpickle", "joblib", "marshal", "types", "pathlib", "io", "_io", "StringIO", "cStringIO",
  "tempfile", "glob", "signal", "threading", "_thread", "thread", "zipimport", "pkgutil", "site", "builtins.__import__",
  "torch.hub", "torch.jit", "torch.ops", "torch.utils.cpp_extension", "torch.serialization", "torch._dynamo", "torch.fx", "torch.package",
  "numpy.testing", "numpy.lib.npyio", "numpy.f2py", "numpy.distutils", "pydoc", "timeit", "trace", "profile", "cProfile", "operator", "functools",
  "inspect", "gc", "weakref", "ast", "dis", "linecache", "tokenize", "shelve", "dbm", "anydbm", "sqlite3", "zipfile", "tarfile", "distutils", "setuptools",
];
const DANGEROUS_BUILTINS = new Set([
  "eval", "exec", "execfile", "compile", "open", "__import__", "getattr", "setattr", "delattr", "globals",
  "locals", "vars", "input", "raw_input", "breakpoint", "apply", "file", "reload", "memoryview", "help", "exit", "quit", "reduce", "intern",
]);

// pickle's fix_imports for protocols below 3 (CPython's _compat_pickle): the renames that matter here.
const IMPORT_MAPPING: Record<string, string> = {
  __builtin__: "builtins", copy_reg: "copyreg", Queue: "queue", SocketServer: "socketserver", thread: "_thread", dummy_thread: "_dummy_thread",
  commands: "subprocess", cPickle: "pickle", StringIO: "io", cStringIO: "io", httplib: "http.client", urllib2: "urllib.request",
  urlparse: "urllib.parse", xmlrpclib: "xmlrpc.client", SimpleXMLRPCServer: "xmlrpc.server", DocXMLRPCServer: "xmlrpc.server",
  BaseHTTPServer: "http.server", SimpleHTTPServer: "http.server", CGIHTTPServer: "http.server", anydbm: "dbm", dumbdbm: "dbm.dumb",
  dbm: "dbm.ndbm", gdbm: "dbm.gnu", whichdb: "dbm", UserDict: "collections", UserList: "collections", UserString: "collections",
  exceptions: "builtins", repr: "reprlib", _winreg: "winreg", Cookie: "http.cookies", cookielib: "http.cookiejar",
};
const NAME_MAPPING: Record<string, [string, string]> = {
  "__builtin__.reduce": ["functools", "reduce"], "__builtin__.intern": ["sys", "intern"], "__builtin__.xrange": ["builtins", "range"],
  "__builtin__.unicode": ["builtins", "str"], "__builtin__.long": ["builtins", "int"], "__builtin__.unichr": ["builtins", "chr"],
  "__builtin__.basestring": ["builtins", "str"], "itertools.izip": ["builtins", "zip"], "itertools.imap": ["builtins", "map"],
  "itertools.ifilter": ["builtins", "filter"], "_socket.fromfd": ["socket", "fromfd"], "_multiprocessing.Connection": ["multiprocessing.connection", "Connection"],
  "multiprocessing.process.Process": ["multiprocessing.context", "Process"], "multiprocessing.forking.Popen": ["multiprocessing.popen_fork", "Popen"],
  "urllib.urlopen": ["urllib.request", "urlopen"], "urllib.urlretrieve": ["urllib.request", "urlretrieve"],
};

const RANK: Record<Safety, number> = { safe: 0, suspicious: 1, dangerous: 2 };

export function worst(a: Safety, b: Safety): Safety {
  return RANK[a] >= RANK[b] ? a : b;
}

function judge(module: string, name: string): Safety {
  // dotted names walk attributes (protocol 4): `Thing.__init__.__globals__` reaches anything
  if (name.split(".").some((part) => part.startsWith("__") && part.endsWith("__")) || module.split(".").some((p) => p.startsWith("__") && p.endsWith("__") && !["__builtin__", "__builtins__", "__main__"].includes(p))) return "dangerous";
  if (module === "builtins" || module === "__builtin__" || module === "__builtins__") {
    if (SAFE_BUILTINS.has(name)) return "safe";
    return DANGEROUS_BUILTINS.has(name.split(".")[0]!) ? "dangerous" : "suspicious";
  }
  if (DANGEROUS_MODULES.some((m) => module === m || module.startsWith(`${m}.`))) return "dangerous";
  if (SAFE_EXACT.has(`${module}.${name}`)) return "safe";
  if (module === "torch" && (/^[A-Z][A-Za-z0-9]*Storage$/.test(name) || TORCH_DTYPE.test(name))) return "safe";
  return "suspicious";
}

export function classifyGlobal(module: string, name: string, proto = 4): Safety {
  let verdict = judge(module, name);
  if (proto < 3) {
    const mapped = NAME_MAPPING[`${module}.${name}`] ?? (IMPORT_MAPPING[module] ? [IMPORT_MAPPING[module]!, name] : null);
    if (mapped) verdict = worst(verdict, judge(mapped[0], mapped[1]));
  }
  return verdict;
}
