using FsCheck;
using FsCheck.Fluent;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Property strings round-trip for any keys and values without 0x01/0x02 (the wire separators, which no encoding can
/// carry: Message.WithProperty refuses them) and non-empty (Java drops empty ones when parsing).
/// </summary>
public class MessagePropertiesTests
{
    [Fact]
    public void Marshal_then_unmarshal_round_trips_any_properties()
    {
        Prop.ForAll(Generators.Properties.ToArbitrary(), properties =>
        {
            var wire = MessageProperties.Marshal(properties);
            var back = MessageProperties.Unmarshal(wire);
            var fromBytes = MessageProperties.Unmarshal(System.Text.Encoding.UTF8.GetBytes(wire));
            return back.Count == properties.Count && properties.All(kv => back[kv.Key] == kv.Value)
                && fromBytes.Count == properties.Count && properties.All(kv => fromBytes[kv.Key] == kv.Value)
                && !wire.EndsWith(MessageProperties.PropertySeparator);
        }).Check(Generators.Config);
    }

    [Fact]
    public void Message_round_trips_properties_through_its_wire_form()
    {
        Prop.ForAll(Generators.Properties.ToArbitrary(), properties =>
        {
            var message = new Message().WithProperties(properties);
            var copy = new Message();
            copy.UnmarshalProperties(System.Text.Encoding.UTF8.GetBytes(message.MarshallProperties()));
            return copy.GetProperties().Count == properties.Count && properties.All(kv => copy.GetProperty(kv.Key) == kv.Value);
        }).Check(Generators.Config);
    }

    [Fact]
    public void Parsing_follows_java_for_odd_entries()
    {
        // Empty key, empty value and entries without a separator are skipped; a value may contain 0x01.
        var map = MessageProperties.Unmarshal("\u0001v\u0002k\u0001\u0002noSeparator\u0002ok\u0001a\u0001b\u0002\u0002x\u0001y");
        map.Should().BeEquivalentTo(new Dictionary<string, string> { ["ok"] = "a\u0001b", ["x"] = "y" });
        MessageProperties.Unmarshal((string?)null).Should().BeEmpty();
    }

    [Fact]
    public void Known_keys_are_shared_strings_and_unknown_keys_are_decoded()
    {
        var map = MessageProperties.Unmarshal("TAGS\u0001t\u0002Ünïcode\u0001ü"u8.ToArray());
        map.Keys.Should().Contain(k => ReferenceEquals(k, PropertyKeys.Tags));
        map["Ünïcode"].Should().Be("ü");
    }
}
