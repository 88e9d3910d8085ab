using System.Globalization;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Java's <c>Double.toString</c> text, which fastjson writes: always a fraction digit (<c>0.0</c>, <c>2.5</c>),
/// and scientific notation as <c>1.0E10</c> / <c>1.5E-5</c> outside [1e-3, 1e7). The digits come from .NET's
/// shortest round-trip formatting; only the layout is Java's.
/// </summary>
internal static class JavaDouble
{
    public static string ToString(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var integerDigits = point < 0 ? mantissa.Length : point;
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var firstNonZero = 0;
        while (digits[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        var scientificExponent = integerDigits - 1 - firstNonZero + exponent;
        var significant = digits[firstNonZero..].TrimEnd('0');
        var sign = value < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-3 and < 1e7)
        {
            if (scientificExponent >= 0)
            {
                var whole = significant.Length > scientificExponent + 1
                    ? significant[..(scientificExponent + 1)]
                    : significant.PadRight(scientificExponent + 1, '0');
                var fraction = significant.Length > scientificExponent + 1 ? significant[(scientificExponent + 1)..] : "0";
                return sign + whole + "." + fraction;
            }

            return sign + "0." + new string('0', -scientificExponent - 1) + significant;
        }

        var tail = significant.Length > 1 ? significant[1..] : "0";
        return sign + significant[0] + "." + tail + "E" + scientificExponent.ToString(CultureInfo.InvariantCulture);
    }
}
