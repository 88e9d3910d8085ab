using System.Reflection;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// One bad argument of a <c>WithX</c> option: calling <see cref="Create"/> must throw <see cref="Exception"/>'s type
/// with exactly <see cref="Message"/> (what the user reads, before .NET's "(Parameter '...')" suffix) and
/// <see cref="Param"/> as the parameter name.
/// </summary>
public sealed record BadOption(string Option, string Value, Func<object> Create, Type Exception, string Message, string Param)
{
    /// <summary>Asserts the option refuses its argument as described.</summary>
    public void AssertRejected()
    {
        var thrown = FluentActions.Invoking(Create).Should().Throw<ArgumentException>().Which;
        thrown.Should().BeOfType(Exception);
        thrown.ParamName.Should().Be(Param);
        thrown.Message.Should().Be($"{Message} (Parameter '{Param}')");
        thrown.Message.Should().StartWith(Option + ": ", "the message names the option");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Option}({Value})";
}

/// <summary>Checks that an option table covers every option function of a package.</summary>
public static class OptionTable
{
    /// <summary>
    /// The public static methods of <paramref name="optionsType"/>, inherited ones included, returning
    /// <paramref name="optionDelegate"/> or a shared <see cref="ClientOption"/> must all be in <paramref name="tested"/>
    /// or <paramref name="nothingToReject"/>, so a new option cannot go untested.
    /// </summary>
    public static void CoversEveryOption(Type optionsType, Type optionDelegate, IEnumerable<BadOption> tested, IEnumerable<string> nothingToReject)
    {
        var all = optionsType.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)
            .Where(m => m.ReturnType == optionDelegate || m.ReturnType == typeof(ClientOption))
            .Select(m => m.Name)
            .ToHashSet();
        var covered = tested.Select(b => b.Option).Concat(nothingToReject).ToHashSet();
        all.Except(covered).Should().BeEmpty($"every {optionDelegate.Name} function needs its bad values in the table, or a place in the list of options with nothing to reject");
        covered.Except(all).Should().BeEmpty("the table names only existing options");
    }

    /// <summary>The rows as xunit theory data.</summary>
    public static TheoryData<BadOption> Data(IEnumerable<BadOption> rows)
    {
        var data = new TheoryData<BadOption>();
        foreach (var row in rows)
        {
            data.Add(row);
        }

        return data;
    }
}
