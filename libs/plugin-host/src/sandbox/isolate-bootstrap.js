/*
 * The first code that runs in every plugin isolate, before the plugin bundle. It installs the
 * registry the bundle registers its plugin with, removes what the sandbox does not offer, and
 * builds the bridge object the plugin's StageContext calls.
 *
 * Threat model: everything else in this isolate is plugin code, which may replace any global or
 * prototype, throw anything, return Proxies, getters, thenables and Symbol.species tricks. This
 * file is only a first line of defence and gives plugins clear errors early: the sandbox process
 * and the host enforce every limit and check every value again, outside the isolate. To keep its
 * own behaviour intact it captures the intrinsics it uses before the plugin runs, never iterates
 * with for-of/spread (Array.prototype[Symbol.iterator] is replaceable), never reads accessors while
 * checking values, and waits on plugin promises with `await` (no species lookup, no `then` lookup
 * on native promises). It is strict code, so stack-frame APIs cannot hand out its functions.
 *
 * The host functions it receives are isolated-vm Callbacks: their arguments and results are
 * copies, and they never throw (a thrown host error would carry host file paths).
 * Tests: test/sandbox-escape.test.ts, test/sandbox-exhaustion.test.ts.
 */
// The isolate evaluates this file as one expression: the bootstrap function, called by the sandbox.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions
(function edgepressSandboxBootstrap(
  registryName,
  maxLogBytes,
  maxHostCallArgBytes,
  maxResultBytes,
  hostCall,
  hostLog,
  hostProgress,
  hostIsAborted,
  hostComplete,
  hostViolation,
) {
  'use strict';

  const ObjectFreeze = Object.freeze;
  const ObjectCreate = Object.create;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectPrototype = Object.prototype;
  const ArrayPrototype = Array.prototype;
  const ArrayIsArray = Array.isArray;
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const JSONStringify = JSON.stringify;
  const StringCtor = String;
  const StringSlice = String.prototype.slice;
  const StringCharCodeAt = String.prototype.charCodeAt;
  const ErrorCtor = Error;
  const PromiseCtor = Promise;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const typedArrayBuffer = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get;
  const arrayBufferByteLength = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const MAX_DEPTH = 64;
  const VALUE_OVERHEAD = 8;
  const TENSOR_ARRAYS = ObjectFreeze({
    __proto__: null,
    Float32Array: true,
    Float64Array: true,
    Int8Array: true,
    Uint8Array: true,
    Int16Array: true,
    Uint16Array: true,
    Int32Array: true,
    Uint32Array: true,
    BigInt64Array: true,
    BigUint64Array: true,
  });
  const POLLUTING_KEYS = ObjectFreeze({ __proto__: null, ['__proto__']: true, constructor: true, prototype: true });

  // What the sandbox does not offer: WebAssembly (its memories escape the isolate's memory limit,
  // and compiling arbitrary code is not part of the SDK) and shared memory (Atomics.wait would
  // block the isolate's thread). eval and Function stay: they only reach this isolate's globals.
  delete globalThis.WebAssembly;
  delete globalThis.SharedArrayBuffer;

  const slice = (text, end) => ReflectApply(StringSlice, text, [0, end]);

  function safeString(value) {
    try {
      return typeof value === 'string' ? value : StringCtor(value);
    } catch {
      return '(a value that cannot be shown as text)';
    }
  }

  // Reads what a thrown value says about itself. Plugin getters and Proxy traps may run here;
  // whatever they do, only two strings leave this function.
  function describeThrown(thrown) {
    let code;
    let message;
    let name;
    try {
      if ((typeof thrown === 'object' && thrown !== null) || typeof thrown === 'function') {
        const rawCode = thrown.code;
        const rawMessage = thrown.message;
        const rawName = thrown.name;
        if (typeof rawCode === 'string') code = slice(rawCode, 64);
        if (typeof rawMessage === 'string') message = rawMessage;
        if (typeof rawName === 'string') name = slice(rawName, 64);
      } else {
        message = 'threw ' + safeString(thrown);
      }
    } catch {
      message = 'threw a value whose properties throw';
    }
    if (message === undefined) message = 'threw a value that is not an Error';
    if (name !== undefined && name !== 'Error' && name !== 'EdgepressError') message = name + ': ' + message;
    return { code: code, message: slice(message, 4000) };
  }

  // ---- checking what a plugin sends to the host ------------------------------------------------

  let refusal;
  function refuse(path, reason, tooLarge) {
    refusal = { path: path, reason: reason, tooLarge: tooLarge === true };
    throw refusal;
  }

  function isArrayIndex(key, length) {
    if (typeof key !== 'string' || key.length === 0 || key.length > 10) return false;
    for (let i = 0; i < key.length; i++) {
      const c = ReflectApply(StringCharCodeAt, key, [i]);
      if (c < 48 || c > 57 || (i === 0 && c === 48 && key.length > 1)) return false;
    }
    return +key < length;
  }

  function measure(value, path, depth, state) {
    state.bytes += VALUE_OVERHEAD;
    if (state.bytes > state.max) refuse(path, 'makes the arguments larger than the limit of ' + state.max + ' bytes', true);
    const type = typeof value;
    if (type === 'undefined' || type === 'boolean' || type === 'number' || type === 'bigint') return;
    if (type === 'string') {
      state.bytes += value.length;
      if (state.bytes > state.max) refuse(path, 'makes the arguments larger than the limit of ' + state.max + ' bytes', true);
      return;
    }
    if (type !== 'object') refuse(path, 'is a ' + type + ', which cannot be sent to the host');
    if (value === null) return;
    if (depth >= MAX_DEPTH) refuse(path, 'is nested deeper than ' + MAX_DEPTH + ' levels');
    const tag = ReflectApply(typedArrayTag, value, []);
    if (tag !== undefined) {
      if (TENSOR_ARRAYS[tag] !== true) refuse(path, 'is a ' + tag + ', not one of the tensor typed arrays');
      let byteLength;
      try {
        byteLength = ReflectApply(arrayBufferByteLength, ReflectApply(typedArrayBuffer, value, []), []);
      } catch {
        refuse(path, 'is a typed array over shared memory');
      }
      state.bytes += byteLength;
      if (state.bytes > state.max) refuse(path, 'makes the arguments larger than the limit of ' + state.max + ' bytes', true);
      return;
    }
    const prototype = ObjectGetPrototypeOf(value);
    const isArray = ArrayIsArray(value);
    if (isArray && prototype !== ArrayPrototype) refuse(path, 'is an array with a custom prototype (a subclass or Symbol.species trick)');
    if (!isArray && prototype !== ObjectPrototype && prototype !== null) refuse(path, 'is a class instance; only plain objects, arrays and typed arrays can be sent');
    const keys = ReflectOwnKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key === 'symbol') refuse(path, 'has a symbol key');
      if (isArray && key === 'length') continue;
      if (isArray && !isArrayIndex(key, value.length)) refuse(path, 'is an array with an extra property "' + slice(key, 64) + '"');
      const child = isArray ? path + '[' + key + ']' : path + '.' + slice(key, 64);
      if (!isArray && POLLUTING_KEYS[key] === true) refuse(child, 'is a key that could pollute prototypes');
      const descriptor = ObjectGetOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) refuse(child, 'disappeared while it was being read');
      if (ObjectGetOwnPropertyDescriptor(descriptor, 'value') === undefined) refuse(child, 'is a getter or setter');
      state.bytes += key.length;
      measure(descriptor.value, child, depth + 1, state);
    }
  }

  // ---- the bridge --------------------------------------------------------------------------------

  const pending = ObjectCreate(null);
  let nextCallId = 1;
  let broken = false;

  function hostError(code, message) {
    const error = new ErrorCtor(message);
    ObjectDefineProperty(error, 'name', { value: 'EdgepressError', writable: true, configurable: true });
    ObjectDefineProperty(error, 'code', { value: code, writable: true, configurable: true, enumerable: true });
    return error;
  }

  function rejected(code, message) {
    return new PromiseCtor((_resolve, reject) => reject(hostError(code, message)));
  }

  function violation(code, message) {
    broken = true;
    hostViolation(code, message);
    return rejected(code, message);
  }

  function callHost(method, args) {
    if (broken) return rejected('PLUGIN_FAILED', 'the host bridge is closed because the stage broke a sandbox rule');
    if (typeof method !== 'string') return violation('PLUGIN_FAILED', 'a host call named its method with a ' + typeof method);
    if (method.length > 100) return violation('PLUGIN_FAILED', 'a host call named a method of ' + method.length + ' characters, which is not part of the plugin protocol');
    const name = slice(method, 80);
    try {
      if (!ArrayIsArray(args)) refuse('args', 'is not an array');
      measure(args, 'args', 0, { bytes: 0, max: maxHostCallArgBytes });
    } catch (caught) {
      if (caught === refusal) {
        return violation(caught.tooLarge ? 'RESOURCE_EXHAUSTED' : 'PLUGIN_FAILED', 'the arguments of ' + name + ' cannot be sent to the host: ' + caught.path + ' ' + caught.reason);
      }
      return violation('PLUGIN_FAILED', 'the arguments of ' + name + ' could not be read: ' + describeThrown(caught).message);
    }
    const id = nextCallId++;
    let accepted;
    try {
      accepted = hostCall(id, method, args);
    } catch (caught) {
      return violation('PLUGIN_FAILED', 'the arguments of ' + name + ' cannot be copied to the host: ' + describeThrown(caught).message);
    }
    if (accepted !== true) {
      broken = true;
      return rejected('PLUGIN_FAILED', 'the host refused the call to ' + name);
    }
    return new PromiseCtor((resolve, reject) => {
      pending[id] = { resolve: resolve, reject: reject };
    });
  }

  function log(level, message, fields) {
    if (broken) return;
    const text = safeString(message);
    if (text.length > maxLogBytes) {
      violation('RESOURCE_EXHAUSTED', 'a log message of ' + text.length + ' characters is larger than the log limit of ' + maxLogBytes + ' bytes');
      return;
    }
    let fieldsJson;
    if (fields !== undefined) {
      try {
        fieldsJson = JSONStringify(fields);
      } catch (caught) {
        fieldsJson = JSONStringify({ unserializableFields: describeThrown(caught).message });
      }
      if (typeof fieldsJson === 'string' && fieldsJson.length > maxLogBytes) {
        violation('RESOURCE_EXHAUSTED', 'log fields of ' + fieldsJson.length + ' characters are larger than the log limit of ' + maxLogBytes + ' bytes');
        return;
      }
    }
    const known = level === 'debug' || level === 'info' || level === 'warn' || level === 'error';
    hostLog(known ? level : 'info', text, typeof fieldsJson === 'string' ? fieldsJson : undefined);
  }

  function progress(fraction, message) {
    if (broken || typeof fraction !== 'number' || fraction !== fraction) return;
    hostProgress(fraction < 0 ? 0 : fraction > 1 ? 1 : fraction, typeof message === 'string' ? slice(message, 500) : undefined);
  }

  const bridge = ObjectFreeze({
    call: (method, args) => callHost(method, args),
    progress: (fraction, message) => progress(fraction, message),
    log: (level, message, fields) => log(level, message, fields),
    isAborted: () => hostIsAborted() === true,
  });

  // ---- registration and phases -----------------------------------------------------------------

  let runtime;
  const registry = ObjectFreeze({
    register(candidate) {
      if (runtime !== undefined) throw new ErrorCtor('a plugin bundle registers exactly one plugin');
      if ((typeof candidate !== 'object' && typeof candidate !== 'function') || candidate === null) {
        throw new ErrorCtor('register() expects the runtime object built by exposePlugin');
      }
      runtime = candidate;
    },
  });
  // Left writable: nothing outside the isolate relies on it, and the plugin may only fool itself.
  ObjectDefineProperty(globalThis, registryName, { value: registry, writable: true, configurable: true, enumerable: false });

  let finished = false;
  function finish(outcome) {
    if (finished) return;
    finished = true;
    broken = true;
    hostComplete(outcome);
  }

  function failed(stage, thrown) {
    const described = describeThrown(thrown);
    return { kind: 'failed', stage: stage, code: described.code, message: described.message };
  }

  function toJson(value, what, limit) {
    const json = JSONStringify(value);
    if (json !== undefined && typeof json !== 'string') throw new ErrorCtor(what + ' could not be written as JSON');
    if (typeof json === 'string' && json.length > limit) {
      refusal = { tooLarge: true, reason: what + ' is ' + json.length + ' characters of JSON, more than the limit of ' + limit };
      throw refusal;
    }
    return json;
  }

  async function settleRun(manifestJson, running) {
    let value;
    try {
      value = await running;
    } catch (thrown) {
      finish(failed('run', thrown));
      return;
    }
    try {
      finish({ kind: 'ok', manifestJson: manifestJson, valueJson: value === undefined ? undefined : toJson(value, 'the value run() returned', maxResultBytes) });
    } catch (thrown) {
      if (thrown === refusal) finish({ kind: 'too-large', message: thrown.reason });
      else finish(failed('result', thrown));
    }
  }

  function begin(phase, params, target, calibrationBatches) {
    if (runtime === undefined) {
      finish({ kind: 'failed', stage: 'load', code: undefined, message: 'the bundle registered no plugin: its default export must be the result of definePlugin' });
      return;
    }
    let manifestJson;
    try {
      manifestJson = toJson(runtime.manifest, 'the manifest', 1024 * 1024);
      if (typeof manifestJson !== 'string') throw new ErrorCtor('the plugin has no manifest');
    } catch (thrown) {
      finish(thrown === refusal ? { kind: 'too-large', message: thrown.reason } : failed('manifest', thrown));
      return;
    }
    if (phase === 'manifest') {
      finish({ kind: 'ok', manifestJson: manifestJson, valueJson: undefined });
      return;
    }
    let prepared;
    let support;
    try {
      prepared = runtime.prepare(params, target);
      support = prepared.support;
      if (phase === 'inspect') {
        finish({ kind: 'ok', manifestJson: manifestJson, valueJson: toJson({ params: prepared.params, support: support }, 'the parsed params', 1024 * 1024) });
        return;
      }
    } catch (thrown) {
      finish(thrown === refusal ? { kind: 'too-large', message: thrown.reason } : failed('prepare', thrown));
      return;
    }
    let supported;
    let reason;
    try {
      supported = support.supported;
      reason = support.reason;
    } catch (thrown) {
      finish(failed('prepare', thrown));
      return;
    }
    if (supported !== true) {
      finish({ kind: 'unsupported', reason: slice(safeString(reason), 1000) });
      return;
    }
    let running;
    try {
      running = runtime.run(bridge, prepared.params, target, calibrationBatches);
    } catch (thrown) {
      finish(failed('run', thrown));
      return;
    }
    settleRun(manifestJson, running);
  }

  function deliver(id, ok, value, code, message) {
    const entry = pending[id];
    if (entry === undefined) return;
    delete pending[id];
    if (ok === true) entry.resolve(value);
    else entry.reject(hostError(code, message));
  }

  return ObjectFreeze({ begin: begin, deliver: deliver });
});
