/**
 * PUT /v1/blobs from the browser with upload progress. XMLHttpRequest, because fetch() reports no
 * upload progress and Chromium streams request bodies only over HTTP/2. The body goes to the
 * console's same-origin proxy, which streams it on to the gateway; the gateway hashes it and
 * answers with the sha256 and an upload receipt for registerModel/registerDataset.
 */
import { GatewayError, isRecord } from './gateway-error';

export interface UploadedBlob {
  sha256: string;
  sizeBytes: number;
  created: boolean;
  uploadReceipt: string;
}

export interface UploadOptions {
  token: string;
  onProgress?(loadedBytes: number, totalBytes: number): void;
  signal?: AbortSignal;
  endpoint?: string;
}

export function uploadBlob(file: Blob, options: UploadOptions): Promise<UploadedBlob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', options.endpoint ?? '/v1/blobs');
    xhr.setRequestHeader('authorization', `Bearer ${options.token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new GatewayError('UNAVAILABLE', 'The upload could not reach the gateway'));
    xhr.onabort = () => reject(new GatewayError('CANCELLED', 'The upload was cancelled'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status >= 200 && xhr.status < 300 && isRecord(body) && typeof body.sha256 === 'string' && typeof body.uploadReceipt === 'string') {
        resolve({ sha256: body.sha256, sizeBytes: Number(body.sizeBytes), created: body.created === true, uploadReceipt: body.uploadReceipt });
        return;
      }
      const error = isRecord(body) && isRecord(body.error) ? body.error : null;
      reject(
        new GatewayError(
          typeof error?.code === 'string' ? error.code : 'UNAVAILABLE',
          typeof error?.message === 'string' ? error.message : `The upload failed with HTTP ${xhr.status}`,
          isRecord(error?.details) ? error.details : {},
        ),
      );
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
