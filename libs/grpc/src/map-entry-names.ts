import type * as protoLoader from '@grpc/proto-loader';
import descriptor from 'protobufjs/ext/descriptor/index.js';

// protobufjs names a map field's entry type after the field ("Statuses") where the protobuf
// spec requires "<CamelCaseField>Entry" ("StatusesEntry"). Reflection clients built on the
// official runtimes (grpcurl, via Go's protodesc) reject such descriptors, so the names are
// corrected once, at startup, in the serialized descriptors that reflection serves.

interface DescriptorMessage {
  name?: string;
  field?: Array<{ name?: string; typeName?: string; label?: number }>;
  nestedType?: DescriptorMessage[];
  options?: { mapEntry?: boolean } | null;
}

const FileDescriptorProto = (descriptor as unknown as { FileDescriptorProto: { decode(b: Uint8Array): unknown; encode(m: unknown): { finish(): Uint8Array }; toObject?: unknown } })
  .FileDescriptorProto;

/** "error_counts_by_type" -> "ErrorCountsByTypeEntry", as protoc and Go's protodesc expect. */
export function mapEntryName(fieldName: string): string {
  return `${fieldName.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Entry`;
}

function fixMessage(message: DescriptorMessage): boolean {
  let changed = false;
  for (const nested of message.nestedType ?? []) changed = fixMessage(nested) || changed;
  for (const field of message.field ?? []) {
    const entry = message.nestedType?.find((n) => n.options?.mapEntry && n.name === field.typeName);
    if (!entry || !field.name) continue;
    const wanted = mapEntryName(field.name);
    if (entry.name === wanted) continue;
    entry.name = wanted;
    field.typeName = wanted;
    changed = true;
  }
  return changed;
}

function fixFile(bytes: Buffer): Buffer {
  const file = FileDescriptorProto.decode(bytes) as { messageType?: DescriptorMessage[] };
  let changed = false;
  for (const message of file.messageType ?? []) changed = fixMessage(message) || changed;
  return changed ? Buffer.from(FileDescriptorProto.encode(file).finish()) : bytes;
}

/** Rewrites every serialized file descriptor in the definition (shared buffers fixed once). */
export function fixMapEntryNames(definition: protoLoader.PackageDefinition): protoLoader.PackageDefinition {
  const fixed = new Map<Buffer, Buffer>();
  const fix = (list: Buffer[] | undefined) => {
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const original = list[i]!;
      let replacement = fixed.get(original);
      if (!replacement) fixed.set(original, (replacement = fixFile(original)));
      list[i] = replacement;
    }
  };
  for (const entry of Object.values(definition)) {
    const asMessage = entry as { fileDescriptorProtos?: Buffer[] };
    fix(asMessage.fileDescriptorProtos);
    if (!('format' in entry)) {
      for (const method of Object.values(entry)) {
        fix(method.requestType.fileDescriptorProtos);
        fix(method.responseType.fileDescriptorProtos);
      }
    }
  }
  return definition;
}
