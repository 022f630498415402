using System.Reflection;

namespace Emporium.BuildingBlocks.Persistence.Schema;

/// <summary>A module's claim to a set of versioned scripts; registered by each module's <c>Add…Module</c>.</summary>
public sealed record ModuleSchema(string Module, Assembly Assembly);
