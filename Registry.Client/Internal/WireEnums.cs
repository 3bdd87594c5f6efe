// The SDK's enums and their v1 contract twins, mapped by WireEnum<TSdk, TProto>. WireEnumTests checks that every pair
// agrees in names and numbers.
global using CheckOutcomeWire = Registry.Client.Internal.WireEnum<Registry.Client.Checks.CheckOutcome, Registry.Protos.V1.CheckOutcome>;
global using ConsentScopeWire = Registry.Client.Internal.WireEnum<Registry.Client.Consents.ConsentScope, Registry.Protos.V1.ConsentScope>;
global using EvidenceKindWire = Registry.Client.Internal.WireEnum<Registry.Client.Consents.EvidenceKind, Registry.Protos.V1.EvidenceKind>;
global using ImportJobStatusWire = Registry.Client.Internal.WireEnum<Registry.Client.Admin.ImportJobStatus, Registry.Protos.V1.ImportJobStatus>;
global using PurposeWire = Registry.Client.Internal.WireEnum<Registry.Client.Consents.Purpose, Registry.Protos.V1.Purpose>;
global using RecordCategoryWire = Registry.Client.Internal.WireEnum<Registry.Client.Checks.RecordCategory, Registry.Protos.V1.RecordCategory>;
global using RecordStatusWire = Registry.Client.Internal.WireEnum<Registry.Client.Admin.RecordStatus, Registry.Protos.V1.RecordStatus>;
global using RoleWire = Registry.Client.Internal.WireEnum<Registry.Client.Admin.Role, Registry.Protos.V1.Role>;
