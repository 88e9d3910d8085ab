using System.Globalization;

namespace RocketMQ.Go.Port.Broker.Filter;

/// <summary>
/// A compiled SQL92 message selector (Java: the filter module's Expression tree, from ActiveMQ). Values are null,
/// bool, long, double or string; message properties are strings. Logic is three-valued: comparisons with a missing
/// property are unknown (null), and a message matches only when the whole expression is TRUE.
/// </summary>
internal abstract class SqlExpression
{
    /// <summary>True when the expression is TRUE for the properties given by <paramref name="property"/>.</summary>
    public bool Matches(Func<string, string?> property)
    {
        try
        {
            return Evaluate(property) is true;
        }
        catch (SqlEvaluationException)
        {
            return false; // Java logs the failed evaluation and skips the message
        }
    }

    /// <summary>Evaluates to null, bool, long, double or string.</summary>
    public abstract object? Evaluate(Func<string, string?> property);

    /// <summary>True when the node yields a boolean (Java: BooleanExpression).</summary>
    public virtual bool IsBoolean => false;
}

/// <summary>A value that cannot be evaluated (Java throws and the message is not delivered).</summary>
internal sealed class SqlEvaluationException(string message) : Exception(message);

internal sealed class ConstantExpression(object? value) : SqlExpression
{
    public object? Value { get; } = value;

    public override bool IsBoolean => Value is bool or null;

    public override object? Evaluate(Func<string, string?> property) => Value;
}

internal sealed class PropertyExpression(string name) : SqlExpression
{
    public string Name { get; } = name;

    public override object? Evaluate(Func<string, string?> property) => property(Name);
}

internal sealed class NotExpression(SqlExpression operand) : SqlExpression
{
    public override bool IsBoolean => true;

    public override object? Evaluate(Func<string, string?> property)
        => operand.Evaluate(property) switch
        {
            null => null,
            bool b => !b,
            var other => throw new SqlEvaluationException($"NOT needs a boolean, got {other}"),
        };
}

internal sealed class NegateExpression(SqlExpression operand) : SqlExpression
{
    public override object? Evaluate(Func<string, string?> property)
        => operand.Evaluate(property) switch
        {
            null => null,
            long l => -l,
            double d => -d,
            var other => throw new SqlEvaluationException($"cannot negate {other}"),
        };
}

internal sealed class LogicExpression(SqlExpression left, SqlExpression right, bool isAnd) : SqlExpression
{
    public override bool IsBoolean => true;

    public override object? Evaluate(Func<string, string?> property)
    {
        var lv = left.Evaluate(property) as bool?;
        if (lv == !isAnd)
        {
            return lv; // AND short-circuits on FALSE, OR on TRUE
        }

        var rv = right.Evaluate(property) as bool?;
        if (rv == !isAnd)
        {
            return rv;
        }

        return lv is null || rv is null ? null : isAnd;
    }
}

internal sealed class InExpression(PropertyExpression left, IReadOnlyCollection<string> values, bool not) : SqlExpression
{
    private readonly HashSet<string> _values = new(values, StringComparer.Ordinal);

    public override bool IsBoolean => true;

    public override object? Evaluate(Func<string, string?> property)
        => left.Evaluate(property) is string s ? _values.Contains(s) ^ not : null;
}

/// <summary>=, &lt;&gt;, &gt;, &gt;=, &lt;, &lt;= with Java's type conversions.</summary>
internal sealed class ComparisonExpression(SqlExpression left, SqlExpression right, string op) : SqlExpression
{
    public override bool IsBoolean => true;

    public override object? Evaluate(Func<string, string?> property)
    {
        var lv = left.Evaluate(property);
        var rv = right.Evaluate(property);
        if (op is "=" or "<>")
        {
            var equal = EvaluateEqual(lv, rv);
            return op == "=" ? equal : equal is bool b ? !b : null;
        }

        if (lv is null || rv is null)
        {
            return null;
        }

        if (lv is string ls && rv is string rs)
        {
            // Java refuses to order strings but first tries them as numbers.
            if (!TryDouble(ls, out var ld) || !TryDouble(rs, out var rd))
            {
                throw new SqlEvaluationException($"cannot compare strings '{ls}' and '{rs}' with {op}");
            }

            (lv, rv) = (ld, rd);
        }

        var answer = Compare(lv, rv);
        return op switch
        {
            ">" => answer > 0,
            ">=" => answer >= 0,
            "<" => answer < 0,
            _ => answer <= 0,
        };
    }

    private static object? EvaluateEqual(object? lv, object? rv)
    {
        if (lv is null ^ rv is null)
        {
            return lv is null ? null : false;
        }

        if (lv is null || lv.Equals(rv))
        {
            return true;
        }

        return Compare(lv, rv!) == 0;
    }

    private static bool TryDouble(string s, out double value)
        => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static int Compare(object lv, object rv)
    {
        // Java's __compare: a string converts to the other side's type; a long widens to double; anything else
        // of different types compares as "less".
        if (lv.GetType() != rv.GetType())
        {
            switch (lv)
            {
                case string s when rv is long:
                    lv = long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : throw new SqlEvaluationException($"'{s}' is not a long");
                    break;
                case string s when rv is double:
                    lv = TryDouble(s, out var d) ? d : throw new SqlEvaluationException($"'{s}' is not a number");
                    break;
                case string s when rv is bool:
                    lv = string.Equals(s, "true", StringComparison.OrdinalIgnoreCase);
                    break;
                case long lg when rv is double:
                    lv = (double)lg;
                    break;
                case double when rv is long r:
                    rv = (double)r;
                    break;
                default:
                    return -1;
            }
        }

        return lv switch
        {
            long a => a.CompareTo((long)rv),
            double a => a.CompareTo((double)rv),
            bool a => a.CompareTo((bool)rv),
            string a => string.CompareOrdinal(a, (string)rv),
            _ => -1,
        };
    }
}
