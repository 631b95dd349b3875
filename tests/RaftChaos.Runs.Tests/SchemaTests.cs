using System.Text.Json;

namespace RaftChaos.Runs.Tests;

/// <summary>docs/results.schema.json describes every field the record writes, and requires what the record requires.</summary>
public sealed class SchemaTests
{
    private static JsonElement Schema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "results.schema.json")));
        return document.RootElement.Clone();
    }

    [Test]
    public void Schema_DescribesEveryFieldARecordWrites()
    {
        using var written = JsonDocument.Parse(RunRecordFile.ToJson(SampleRecords.Invalid()));
        var schema = Schema();

        var undescribed = new List<string>();
        Walk(written.RootElement, schema, schema, "$", undescribed);

        Assert.That(undescribed, Is.Empty, "fields written but not in docs/results.schema.json");
    }

    [Test]
    public void Schema_RequiresTheRecordsRequiredFields()
    {
        var required = Schema().GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToArray();

        Assert.That(required, Is.SupersetOf(new[] { "schema", "testName", "verdict", "model", "configuration", "replayCommand", "counts" }));
    }

    // Every property of `value` must be named under the schema node's "properties" (following $ref into $defs, and
    // "items" for arrays, "additionalProperties" for maps).
    private static void Walk(JsonElement value, JsonElement node, JsonElement root, string path, List<string> undescribed)
    {
        node = Resolve(node, root);
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.EnumerateObject()) Walk(property.Value, map, root, $"{path}.{property.Name}", undescribed);
                return;
            }

            var properties = node.TryGetProperty("properties", out var p) ? p : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(property.Name, out var child))
                {
                    undescribed.Add($"{path}.{property.Name}");
                    continue;
                }

                Walk(property.Value, child, root, $"{path}.{property.Name}", undescribed);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && node.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Walk(item, items, root, $"{path}[{i++}]", undescribed);
        }
    }

    private static JsonElement Resolve(JsonElement node, JsonElement root) =>
        node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && r.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? root.GetProperty("$defs").GetProperty(r["#/$defs/".Length..])
            : node;
}
