// Hand-written descriptors of substrait/type.proto, substrait/extensions/extensions.proto and
// substrait/plan.proto (the parts relc reads or writes). Field numbers are the Substrait
// specification's; field names are their proto3 JSON names.

import { dep, enm, f, msg, NULLABLE_KIND, rep, type MessageJson } from './descriptor-dsl.ts';

const withLength = msg({ length: f(1, 'int32'), typeVariationReference: f(2, 'uint32'), nullability: f(3, 'Nullability') });
const withPrecision = msg({ precision: f(1, 'int32'), typeVariationReference: f(2, 'uint32'), nullability: f(3, 'Nullability') });

/** Every kind of the Type oneof, so that a decoder can name the ones it does not support. */
export const TYPE: MessageJson = msg(
  {
    bool: f(1, 'Boolean'),
    i8: f(2, 'I8'),
    i16: f(3, 'I16'),
    i32: f(5, 'I32'),
    i64: f(7, 'I64'),
    fp32: f(10, 'FP32'),
    fp64: f(11, 'FP64'),
    string: f(12, 'String'),
    binary: f(13, 'Binary'),
    timestamp: dep(f(14, 'Timestamp')),
    date: f(16, 'Date'),
    time: f(17, 'Time'),
    intervalYear: f(19, 'IntervalYear'),
    intervalDay: f(20, 'IntervalDay'),
    fixedChar: f(21, 'FixedChar'),
    varchar: f(22, 'VarChar'),
    fixedBinary: f(23, 'FixedBinary'),
    decimal: f(24, 'Decimal'),
    struct: f(25, 'Struct'),
    list: f(27, 'List'),
    map: f(28, 'Map'),
    timestampTz: dep(f(29, 'TimestampTZ')),
    userDefined: f(30, 'UserDefined'),
    userDefinedTypeReference: dep(f(31, 'uint32')),
    uuid: f(32, 'UUID'),
    precisionTimestamp: f(33, 'PrecisionTimestamp'),
    precisionTimestampTz: f(34, 'PrecisionTimestampTZ'),
    intervalCompound: f(35, 'IntervalCompound'),
    precisionTime: f(36, 'PrecisionTime'),
  },
  {
    oneofs: {
      kind: ['bool', 'i8', 'i16', 'i32', 'i64', 'fp32', 'fp64', 'string', 'binary', 'timestamp', 'date', 'time', 'intervalYear', 'intervalDay',
        'fixedChar', 'varchar', 'fixedBinary', 'decimal', 'struct', 'list', 'map', 'timestampTz', 'userDefined', 'userDefinedTypeReference',
        'uuid', 'precisionTimestamp', 'precisionTimestampTz', 'intervalCompound', 'precisionTime'],
    },
    nested: {
      Nullability: enm({ NULLABILITY_UNSPECIFIED: 0, NULLABILITY_NULLABLE: 1, NULLABILITY_REQUIRED: 2 }),
      Boolean: NULLABLE_KIND,
      I8: NULLABLE_KIND,
      I16: NULLABLE_KIND,
      I32: NULLABLE_KIND,
      I64: NULLABLE_KIND,
      FP32: NULLABLE_KIND,
      FP64: NULLABLE_KIND,
      String: NULLABLE_KIND,
      Binary: NULLABLE_KIND,
      Timestamp: NULLABLE_KIND,
      Date: NULLABLE_KIND,
      Time: NULLABLE_KIND,
      TimestampTZ: NULLABLE_KIND,
      IntervalYear: NULLABLE_KIND,
      IntervalDay: msg({ typeVariationReference: f(1, 'uint32'), nullability: f(2, 'Nullability'), precision: f(3, 'int32') }),
      IntervalCompound: msg({ typeVariationReference: f(1, 'uint32'), nullability: f(2, 'Nullability'), precision: f(3, 'int32') }),
      UUID: NULLABLE_KIND,
      FixedChar: withLength,
      VarChar: withLength,
      FixedBinary: withLength,
      Decimal: msg({ scale: f(1, 'int32'), precision: f(2, 'int32'), typeVariationReference: f(3, 'uint32'), nullability: f(4, 'Nullability') }),
      PrecisionTime: withPrecision,
      PrecisionTimestamp: withPrecision,
      PrecisionTimestampTZ: withPrecision,
      Struct: msg({ types: rep(1, 'Type'), typeVariationReference: f(2, 'uint32'), nullability: f(3, 'Nullability') }),
      List: msg({ type: f(1, 'Type'), typeVariationReference: f(2, 'uint32'), nullability: f(3, 'Nullability') }),
      Map: msg({ key: f(1, 'Type'), value: f(2, 'Type'), typeVariationReference: f(3, 'uint32'), nullability: f(4, 'Nullability') }),
      UserDefined: msg({ typeReference: f(1, 'uint32'), typeVariationReference: f(2, 'uint32'), nullability: f(3, 'Nullability') }),
    },
  },
);

export const NAMED_STRUCT: MessageJson = msg({ names: rep(1, 'string'), struct: f(2, 'Type.Struct') });

/** google.protobuf.Any, carried opaquely (relc never writes one). */
export const ANY: MessageJson = msg({ typeUrl: f(1, 'string'), value: f(2, 'bytes') });

export const EXTENSIONS: Record<string, MessageJson> = {
  SimpleExtensionURI: msg({ extensionUriAnchor: f(1, 'uint32'), uri: f(2, 'string') }),
  SimpleExtensionURN: msg({ extensionUrnAnchor: f(1, 'uint32'), urn: f(2, 'string') }),
  SimpleExtensionDeclaration: msg(
    {
      extensionType: f(1, 'ExtensionType'),
      extensionTypeVariation: f(2, 'ExtensionTypeVariation'),
      extensionFunction: f(3, 'ExtensionFunction'),
    },
    {
      oneofs: { mappingType: ['extensionType', 'extensionTypeVariation', 'extensionFunction'] },
      nested: {
        ExtensionType: msg({ extensionUriReference: dep(f(1, 'uint32')), typeAnchor: f(2, 'uint32'), name: f(3, 'string'), extensionUrnReference: f(4, 'uint32') }),
        ExtensionTypeVariation: msg({ extensionUriReference: dep(f(1, 'uint32')), typeVariationAnchor: f(2, 'uint32'), name: f(3, 'string'), extensionUrnReference: f(4, 'uint32') }),
        ExtensionFunction: msg({ extensionUriReference: dep(f(1, 'uint32')), functionAnchor: f(2, 'uint32'), name: f(3, 'string'), extensionUrnReference: f(4, 'uint32') }),
      },
    },
  ),
  AdvancedExtension: msg({ optimization: rep(1, 'google.protobuf.Any'), enhancement: f(2, 'google.protobuf.Any') }),
};

export const PLAN: Record<string, MessageJson> = {
  Plan: msg({
    extensionUris: dep(rep(1, 'extensions.SimpleExtensionURI')),
    extensions: rep(2, 'extensions.SimpleExtensionDeclaration'),
    relations: rep(3, 'PlanRel'),
    advancedExtensions: f(4, 'extensions.AdvancedExtension'),
    expectedTypeUrls: rep(5, 'string'),
    version: f(6, 'Version'),
    parameterBindings: rep(7, 'DynamicParameterBinding'),
    extensionUrns: rep(8, 'extensions.SimpleExtensionURN'),
  }),
  PlanRel: msg({ rel: f(1, 'Rel'), root: f(2, 'RelRoot') }, { oneofs: { relType: ['rel', 'root'] } }),
  RelRoot: msg({ input: f(1, 'Rel'), names: rep(2, 'string') }),
  Version: msg({ majorNumber: f(1, 'uint32'), minorNumber: f(2, 'uint32'), patchNumber: f(3, 'uint32'), gitHash: f(4, 'string'), producer: f(5, 'string') }),
  DynamicParameterBinding: msg({ parameterAnchor: f(1, 'uint32'), value: f(2, 'Expression.Literal') }),
  DynamicParameter: msg({ type: f(1, 'Type'), parameterReference: f(2, 'uint32') }),
};
