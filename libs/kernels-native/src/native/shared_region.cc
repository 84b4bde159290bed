// Shared-memory regions for the same-host tensor transport of the kernel service (see
// src/shared-memory.ts for the threat model). A region is a sealed memfd: its size can never
// change (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL), so a peer cannot truncate it under a mapping
// and crash the mapping process with SIGBUS, and it has no name in any file system, so nothing is
// left behind when a process dies (the memory goes with the last descriptor or mapping).
//
//   sharedRegionCreate(byteLength, tag)        -> { buffer, fd }  the creating process
//   sharedRegionOpen(pid, fd, tag, byteLength)  -> buffer          another process of the same user
//   sharedRegionClose(buffer)                   detaches every view, unmaps, closes the descriptor
//
// A buffer is an external ArrayBuffer over the mapping; closing detaches it first, so JavaScript
// views see length 0 instead of unmapped memory. A buffer that is never closed is unmapped when it
// is garbage collected.
#include <napi.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "registry.h"

#if defined(__linux__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace edgepress {
namespace {

Napi::Error CodedError(Napi::Env env, const std::string& code, const std::string& message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, code));
  return error;
}

#if defined(__linux__)

constexpr const char* kNamePrefix = "edgepress-shm-";
constexpr int kSeals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL;

struct Mapping {
  void* data = nullptr;
  size_t length = 0;
  int fd = -1;  // kept open by the creator (peers open it through /proc); -1 for opened regions
  bool released = false;
};

// Live mappings by address, so that close() can find the mapping of a buffer it is handed.
std::mutex& MappingsMutex() {
  static std::mutex* mutex = new std::mutex();
  return *mutex;
}
std::map<void*, std::shared_ptr<Mapping>>& Mappings() {
  static auto* mappings = new std::map<void*, std::shared_ptr<Mapping>>();
  return *mappings;
}

void Release(const std::shared_ptr<Mapping>& mapping) {
  std::lock_guard<std::mutex> lock(MappingsMutex());
  if (mapping->released) return;
  mapping->released = true;
  munmap(mapping->data, mapping->length);
  if (mapping->fd >= 0) close(mapping->fd);
  Mappings().erase(mapping->data);
}

Napi::ArrayBuffer Expose(Napi::Env env, const std::shared_ptr<Mapping>& mapping) {
  {
    std::lock_guard<std::mutex> lock(MappingsMutex());
    Mappings()[mapping->data] = mapping;
  }
  return Napi::ArrayBuffer::New(
      env, mapping->data, mapping->length, [](Napi::Env, void*, std::shared_ptr<Mapping>* hint) {
        Release(*hint);
        delete hint;
      },
      new std::shared_ptr<Mapping>(mapping));
}

bool ValidTag(const std::string& tag) {
  if (tag.size() < 16 || tag.size() > 64) return false;
  for (char c : tag) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
  }
  return true;
}

std::string ErrnoText() { return std::strerror(errno); }

Napi::Value SharedRegionCreate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double bytes = info[0].As<Napi::Number>().DoubleValue();
  const std::string tag = info[1].As<Napi::String>().Utf8Value();
  if (!(bytes >= 1) || bytes > 9007199254740991.0 || !ValidTag(tag)) throw CodedError(env, "INVALID_ARGUMENT", "sharedRegionCreate: bad arguments");
  const size_t length = static_cast<size_t>(bytes);
  const std::string name = kNamePrefix + tag;
  const int fd = static_cast<int>(syscall(SYS_memfd_create, name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (fd < 0) throw CodedError(env, "CONSTRAINT_NOT_MET", "memfd_create failed: " + ErrnoText());
  if (ftruncate(fd, static_cast<off_t>(length)) != 0 || fcntl(fd, F_ADD_SEALS, kSeals) != 0) {
    const std::string why = ErrnoText();
    close(fd);
    throw CodedError(env, "RESOURCE_EXHAUSTED", "cannot size the shared region: " + why);
  }
  void* data = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED) {
    const std::string why = ErrnoText();
    close(fd);
    throw CodedError(env, "RESOURCE_EXHAUSTED", "cannot map the shared region: " + why);
  }
  auto mapping = std::make_shared<Mapping>();
  mapping->data = data;
  mapping->length = length;
  mapping->fd = fd;
  Napi::Object result = Napi::Object::New(env);
  result.Set("buffer", Expose(env, mapping));
  result.Set("fd", Napi::Number::New(env, fd));
  return result;
}

// What /proc/self/fd/<fd> points at ("/memfd:NAME (deleted)" for a memfd).
std::string LinkTarget(const std::string& path) {
  char target[256];
  const ssize_t n = readlink(path.c_str(), target, sizeof(target) - 1);
  return n < 0 ? std::string() : std::string(target, static_cast<size_t>(n));
}

Napi::Value SharedRegionOpen(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int64_t pid = info[0].As<Napi::Number>().Int64Value();
  const int64_t peer_fd = info[1].As<Napi::Number>().Int64Value();
  const std::string tag = info[2].As<Napi::String>().Utf8Value();
  const double bytes = info[3].As<Napi::Number>().DoubleValue();
  if (pid < 1 || peer_fd < 0 || !(bytes >= 1) || bytes > 9007199254740991.0 || !ValidTag(tag)) {
    throw CodedError(env, "INVALID_ARGUMENT", "sharedRegionOpen: bad arguments");
  }
  const size_t length = static_cast<size_t>(bytes);
  const std::string path = "/proc/" + std::to_string(pid) + "/fd/" + std::to_string(peer_fd);
  const int fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    // No such process or descriptor here: the client runs on another host or in another pid
    // namespace (or has closed the region).
    throw CodedError(env, "CONSTRAINT_NOT_MET", "the shared region is not reachable from this process (" + ErrnoText() + ")");
  }
  // Checked on the descriptor we hold, so the peer cannot swap the file after the check.
  const std::string expected = std::string("/memfd:") + kNamePrefix + tag + " (deleted)";
  struct stat st;
  const bool is_ours = LinkTarget("/proc/self/fd/" + std::to_string(fd)) == expected;
  const bool stat_ok = fstat(fd, &st) == 0;
  const int seals = fcntl(fd, F_GET_SEALS);
  std::string problem;
  if (!is_ours) {
    problem = "FORBIDDEN:the descriptor is not the shared region with this tag";
  } else if (!stat_ok || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
    problem = "FORBIDDEN:the shared region belongs to another user";
  } else if (seals < 0 || (seals & (F_SEAL_SHRINK | F_SEAL_GROW)) != (F_SEAL_SHRINK | F_SEAL_GROW)) {
    problem = "INVALID_ARGUMENT:the shared region is not sealed against resizing";
  } else if (static_cast<size_t>(st.st_size) != length) {
    problem = "INVALID_ARGUMENT:the shared region holds " + std::to_string(st.st_size) + " bytes, not " + std::to_string(length);
  }
  if (!problem.empty()) {
    close(fd);
    const size_t colon = problem.find(':');
    throw CodedError(env, problem.substr(0, colon), problem.substr(colon + 1));
  }
  void* data = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const std::string why = data == MAP_FAILED ? ErrnoText() : std::string();
  close(fd);
  if (data == MAP_FAILED) throw CodedError(env, "RESOURCE_EXHAUSTED", "cannot map the shared region: " + why);
  auto mapping = std::make_shared<Mapping>();
  mapping->data = data;
  mapping->length = length;
  return Expose(env, mapping);
}

Napi::Value SharedRegionClose(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsArrayBuffer()) throw CodedError(env, "INVALID_ARGUMENT", "sharedRegionClose: expected an ArrayBuffer");
  Napi::ArrayBuffer buffer = info[0].As<Napi::ArrayBuffer>();
  std::shared_ptr<Mapping> mapping;
  {
    std::lock_guard<std::mutex> lock(MappingsMutex());
    auto it = Mappings().find(buffer.Data());
    if (it != Mappings().end() && it->second->length == buffer.ByteLength()) mapping = it->second;
  }
  if (!mapping) return env.Undefined();  // already closed (a detached buffer has no data)
  buffer.Detach();
  Release(mapping);
  return env.Undefined();
}

Napi::Value SharedRegionSupported(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), true); }

#else

Napi::Value Unsupported(const Napi::CallbackInfo& info) {
  throw CodedError(info.Env(), "CONSTRAINT_NOT_MET", "shared-memory regions need Linux");
}
Napi::Value SharedRegionCreate(const Napi::CallbackInfo& info) { return Unsupported(info); }
Napi::Value SharedRegionOpen(const Napi::CallbackInfo& info) { return Unsupported(info); }
Napi::Value SharedRegionClose(const Napi::CallbackInfo& info) { return Unsupported(info); }
Napi::Value SharedRegionSupported(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), false); }

#endif

void InitSharedRegion(Napi::Env env, Napi::Object exports) {
  exports.Set("sharedRegionCreate", Napi::Function::New(env, SharedRegionCreate, "sharedRegionCreate"));
  exports.Set("sharedRegionOpen", Napi::Function::New(env, SharedRegionOpen, "sharedRegionOpen"));
  exports.Set("sharedRegionClose", Napi::Function::New(env, SharedRegionClose, "sharedRegionClose"));
  exports.Set("sharedRegionSupported", Napi::Function::New(env, SharedRegionSupported, "sharedRegionSupported"));
}

}  // namespace

EDGEPRESS_REGISTER_FAMILY(InitSharedRegion);

}  // namespace edgepress
