#pragma once
// Reading N-API arguments that TypeScript validated already (shapes, lengths, ranges), and
// handing results back. The only checks here are the ones that keep native memory safe if a
// caller bypasses the TypeScript layer: the JS type of each argument and the element type of
// each typed array. Values and lengths are trusted.
#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace edgepress {

template <typename T>
struct TypedArrayTraits;
template <>
struct TypedArrayTraits<float> {
  static constexpr napi_typedarray_type kType = napi_float32_array;
};
template <>
struct TypedArrayTraits<double> {
  static constexpr napi_typedarray_type kType = napi_float64_array;
};
template <>
struct TypedArrayTraits<int32_t> {
  static constexpr napi_typedarray_type kType = napi_int32_array;
};
template <>
struct TypedArrayTraits<uint8_t> {
  static constexpr napi_typedarray_type kType = napi_uint8_array;
};

template <typename T>
struct ArraySpan {
  T* data;
  size_t size;
};

// The typed array in argument `index`, which must have element type T.
template <typename T>
ArraySpan<T> TypedArrayArg(const Napi::CallbackInfo& info, size_t index) {
  Napi::Value value = info[index];
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != TypedArrayTraits<T>::kType) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + " has the wrong typed-array type");
  }
  Napi::TypedArrayOf<T> array = value.As<Napi::TypedArrayOf<T>>();
  return {array.Data(), array.ElementLength()};
}

// A JS array of typed arrays of element type T (e.g. several weight tensors).
template <typename T>
std::vector<ArraySpan<T>> TypedArrayListArg(const Napi::CallbackInfo& info, size_t index) {
  if (!info[index].IsArray()) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + " must be an array");
  }
  Napi::Array list = info[index].As<Napi::Array>();
  std::vector<ArraySpan<T>> spans;
  spans.reserve(list.Length());
  for (uint32_t i = 0; i < list.Length(); ++i) {
    Napi::Value value = list.Get(i);
    if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != TypedArrayTraits<T>::kType) {
      throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + " holds a wrong typed-array type");
    }
    Napi::TypedArrayOf<T> array = value.As<Napi::TypedArrayOf<T>>();
    spans.push_back({array.Data(), array.ElementLength()});
  }
  return spans;
}

inline double NumberArg(const Napi::CallbackInfo& info, size_t index) {
  if (!info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + " must be a number");
  }
  return info[index].As<Napi::Number>().DoubleValue();
}

inline size_t SizeArg(const Napi::CallbackInfo& info, size_t index) {
  double value = NumberArg(info, index);
  if (!(value >= 0) || value > 9007199254740991.0) {
    throw Napi::RangeError::New(info.Env(), "argument " + std::to_string(index) + " must be a non-negative integer");
  }
  return static_cast<size_t>(value);
}

inline int ThreadsArg(const Napi::CallbackInfo& info, size_t index) {
  size_t threads = SizeArg(info, index);
  return static_cast<int>(threads < 1 ? 1 : (threads > 64 ? 64 : threads));
}

// Moves a vector into a new typed array without copying: the ArrayBuffer owns the vector's
// storage and frees it when collected.
template <typename T, typename JsArray>
JsArray VectorToTypedArray(Napi::Env env, std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  if (owned->empty()) {
    delete owned;
    return JsArray::New(env, 0);
  }
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
      env, owned->data(), owned->size() * sizeof(T), [](Napi::Env, void*, std::vector<T>* held) { delete held; }, owned);
  return JsArray::New(env, owned->size(), buffer, 0);
}

inline Napi::Float32Array ToFloat32Array(Napi::Env env, std::vector<float>&& values) {
  return VectorToTypedArray<float, Napi::Float32Array>(env, std::move(values));
}
inline Napi::Int32Array ToInt32Array(Napi::Env env, std::vector<int32_t>&& values) {
  return VectorToTypedArray<int32_t, Napi::Int32Array>(env, std::move(values));
}
inline Napi::Uint8Array ToUint8Array(Napi::Env env, std::vector<uint8_t>&& values) {
  return VectorToTypedArray<uint8_t, Napi::Uint8Array>(env, std::move(values));
}
inline Napi::Float64Array ToFloat64Array(Napi::Env env, std::vector<double>&& values) {
  return VectorToTypedArray<double, Napi::Float64Array>(env, std::move(values));
}

}  // namespace edgepress
