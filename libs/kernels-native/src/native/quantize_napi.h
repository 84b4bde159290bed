#pragma once
// Readers for the argument objects that the quantization, calibration and GEMM families receive
// from TypeScript. TypeScript validates every argument first; these checks only make sure that a
// wrong call through the typed binding cannot make native code read or write out of bounds: a
// mismatch throws a plain Napi::Error (reported as INTERNAL, because it means the TypeScript
// validation has a bug).
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

namespace edgepress {

inline Napi::Value RequireProperty(const Napi::Object& args, const char* name) {
  Napi::Value value = args.Get(name);
  if (value.IsUndefined()) throw Napi::Error::New(args.Env(), std::string("missing native argument ") + name);
  return value;
}

// A non-negative integer that fits in size_t (JS numbers are exact up to 2^53).
inline size_t GetSize(const Napi::Object& args, const char* name) {
  Napi::Value value = RequireProperty(args, name);
  double d = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : -1.0;
  if (!(d >= 0.0) || d > 9007199254740992.0 || d != static_cast<double>(static_cast<uint64_t>(d))) {
    throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " is not a non-negative integer");
  }
  return static_cast<size_t>(d);
}

inline int32_t GetInt32(const Napi::Object& args, const char* name) {
  Napi::Value value = RequireProperty(args, name);
  if (!value.IsNumber()) throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " is not a number");
  return value.As<Napi::Number>().Int32Value();
}

inline float GetFloat(const Napi::Object& args, const char* name) {
  Napi::Value value = RequireProperty(args, name);
  if (!value.IsNumber()) throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " is not a number");
  return value.As<Napi::Number>().FloatValue();
}

inline bool GetBool(const Napi::Object& args, const char* name) {
  return args.Get(name).ToBoolean().Value();
}

// A typed array of element type T holding exactly `length` elements (or, when `optional`, absent).
template <typename T>
struct TypedArrayView {
  T* data = nullptr;
  size_t length = 0;
  Napi::Value value;
  bool present() const { return data != nullptr || length != 0; }
};

template <typename T>
napi_typedarray_type TypedArrayTypeOf();
template <> inline napi_typedarray_type TypedArrayTypeOf<float>() { return napi_float32_array; }
template <> inline napi_typedarray_type TypedArrayTypeOf<int8_t>() { return napi_int8_array; }
template <> inline napi_typedarray_type TypedArrayTypeOf<uint8_t>() { return napi_uint8_array; }
template <> inline napi_typedarray_type TypedArrayTypeOf<int32_t>() { return napi_int32_array; }
template <> inline napi_typedarray_type TypedArrayTypeOf<double>() { return napi_float64_array; }

template <typename T>
TypedArrayView<T> GetTypedArray(const Napi::Object& args, const char* name, size_t expected_length, bool optional = false) {
  Napi::Value value = args.Get(name);
  TypedArrayView<T> view;
  view.value = value;
  if (value.IsUndefined() && optional) return view;
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != TypedArrayTypeOf<T>()) {
    throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " has the wrong type");
  }
  Napi::TypedArray array = value.As<Napi::TypedArray>();
  if (array.ElementLength() != expected_length) {
    throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " has length " +
                                           std::to_string(array.ElementLength()) + ", expected " + std::to_string(expected_length));
  }
  view.length = expected_length;
  view.data = reinterpret_cast<T*>(static_cast<uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset());
  return view;
}

// Either an Int8Array or a Uint8Array (8-bit tensors whose signedness the caller chooses).
struct ByteArrayView {
  uint8_t* data = nullptr;
  bool is_signed = false;
  Napi::Value value;
};

inline ByteArrayView GetByteArray(const Napi::Object& args, const char* name, size_t expected_length) {
  Napi::Value value = args.Get(name);
  if (!value.IsTypedArray()) throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " is not a typed array");
  Napi::TypedArray array = value.As<Napi::TypedArray>();
  napi_typedarray_type type = array.TypedArrayType();
  if (type != napi_int8_array && type != napi_uint8_array) {
    throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " is not an 8-bit array");
  }
  if (array.ElementLength() != expected_length) {
    throw Napi::Error::New(args.Env(), std::string("native argument ") + name + " has length " +
                                           std::to_string(array.ElementLength()) + ", expected " + std::to_string(expected_length));
  }
  ByteArrayView view;
  view.data = static_cast<uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset();
  view.is_signed = type == napi_int8_array;
  view.value = value;
  return view;
}

// a * b, throwing when the product does not fit in size_t.
inline size_t CheckedMul(Napi::Env env, size_t a, size_t b) {
  if (a != 0 && b > std::numeric_limits<size_t>::max() / a) throw Napi::Error::New(env, "native size overflow");
  return a * b;
}

// A napi_value dies with the handle scope of the call that made it, so a result created before the
// task is queued must reach the task's finish callback through a persistent reference:
//   auto result = KeepForFinish(out);  ...  [result](Napi::Env) { return result->Value(); }
// (the reference is released with the task, on the JavaScript thread).
template <typename T>
std::shared_ptr<Napi::Reference<T>> KeepForFinish(T value) {
  return std::make_shared<Napi::Reference<T>>(Napi::Persistent(value));
}

inline int GetThreads(const Napi::Object& args) {
  int32_t threads = GetInt32(args, "threads");
  return threads < 1 ? 1 : (threads > 64 ? 64 : threads);
}

}  // namespace edgepress
