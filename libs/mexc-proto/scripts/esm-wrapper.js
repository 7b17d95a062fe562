// Generated from protos/mexc/*.proto by libs/mexc-proto/scripts/generate.js; do not edit.
import $protobuf from $DEPENDENCY;

$OUTPUT;

export { $root as default };
