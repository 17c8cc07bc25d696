namespace IntegrationHub.Core.Calendar.Lunar;

/// <summary>
/// The two astronomical quantities the lunisolar calendar needs: the instants of new moons and the Sun's
/// apparent longitude. Written from Jean Meeus, "Astronomical Algorithms" (2nd ed.): chapter 49 for the
/// new moon (periodic and planetary terms), chapter 25 (low accuracy, about 0.01°) for the Sun, and the
/// Espenak–Meeus polynomials for ΔT. Julian days here are JD (day starts at noon).
/// </summary>
internal static class Astronomy
{
    private const double Deg = Math.PI / 180.0;

    /// <summary>Mean synodic month in days.</summary>
    public const double SynodicMonth = 29.530588861;

    /// <summary>JD (Universal Time) of new moon number <paramref name="k"/>; k = 0 is the new moon of 6 January 2000.</summary>
    public static double NewMoon(long k)
    {
        double t = k / 1236.85;
        double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
        double jde = 2451550.09766 + SynodicMonth * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;

        double e = 1 - 0.002516 * t - 0.0000074 * t2;
        double m = (2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3) * Deg;
        double mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * Deg;
        double f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * Deg;
        double omega = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * Deg;

        double c = -0.40720 * Math.Sin(mp)
            + 0.17241 * e * Math.Sin(m)
            + 0.01608 * Math.Sin(2 * mp)
            + 0.01039 * Math.Sin(2 * f)
            + 0.00739 * e * Math.Sin(mp - m)
            - 0.00514 * e * Math.Sin(mp + m)
            + 0.00208 * e * e * Math.Sin(2 * m)
            - 0.00111 * Math.Sin(mp - 2 * f)
            - 0.00057 * Math.Sin(mp + 2 * f)
            + 0.00056 * e * Math.Sin(2 * mp + m)
            - 0.00042 * Math.Sin(3 * mp)
            + 0.00042 * e * Math.Sin(m + 2 * f)
            + 0.00038 * e * Math.Sin(m - 2 * f)
            - 0.00024 * e * Math.Sin(2 * mp - m)
            - 0.00017 * Math.Sin(omega)
            - 0.00007 * Math.Sin(mp + 2 * m)
            + 0.00004 * Math.Sin(2 * mp - 2 * f)
            + 0.00004 * Math.Sin(3 * m)
            + 0.00003 * Math.Sin(mp + m - 2 * f)
            + 0.00003 * Math.Sin(2 * mp + 2 * f)
            - 0.00003 * Math.Sin(mp + m + 2 * f)
            + 0.00003 * Math.Sin(mp - m + 2 * f)
            - 0.00002 * Math.Sin(mp - m - 2 * f)
            - 0.00002 * Math.Sin(3 * mp + m)
            + 0.00002 * Math.Sin(4 * mp);

        jde += c + PlanetaryCorrection(k, t2);
        return jde - DeltaTSeconds(YearOf(jde)) / 86400.0;
    }

    // Meeus table 49.B: the fourteen planetary arguments A1..A14 (degrees) and their coefficients (days).
    private static readonly (double A0, double Rate, double Coefficient)[] Planetary =
    [
        (299.77, 0.107408, 0.000325), (251.88, 0.016321, 0.000165), (251.83, 26.651886, 0.000164),
        (349.42, 36.412478, 0.000126), (84.66, 18.206239, 0.000110), (141.74, 53.303771, 0.000062),
        (207.14, 2.453732, 0.000060), (154.84, 7.306860, 0.000056), (34.52, 27.261239, 0.000047),
        (207.19, 0.121824, 0.000042), (291.34, 1.844379, 0.000040), (161.72, 24.198154, 0.000037),
        (239.56, 25.513099, 0.000035), (331.55, 3.592518, 0.000023),
    ];

    private static double PlanetaryCorrection(long k, double t2)
    {
        double sum = 0;
        for (int i = 0; i < Planetary.Length; i++)
        {
            var (a0, rate, coefficient) = Planetary[i];
            double a = a0 + rate * k;
            if (i == 0)
                a -= 0.009173 * t2; // only A1 has a secular term
            sum += coefficient * Math.Sin(a * Deg);
        }
        return sum;
    }

    /// <summary>The Sun's apparent ecliptic longitude, degrees in [0, 360), at the given JD (Universal Time).</summary>
    public static double SunLongitude(double jdUt)
    {
        double jde = jdUt + DeltaTSeconds(YearOf(jdUt)) / 86400.0;
        double t = (jde - 2451545.0) / 36525.0;
        double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        double m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * Deg;
        double center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(m)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * m)
            + 0.000289 * Math.Sin(3 * m);
        double omega = (125.04 - 1934.136 * t) * Deg;
        double apparent = l0 + center - 0.00569 - 0.00478 * Math.Sin(omega);
        apparent %= 360.0;
        return apparent < 0 ? apparent + 360.0 : apparent;
    }

    private static double YearOf(double jd) => 2000.0 + (jd - 2451545.0) / 365.25;

    /// <summary>ΔT = TT − UT in seconds (Espenak and Meeus polynomial fits; extrapolated after 2005).</summary>
    internal static double DeltaTSeconds(double year)
    {
        double t;
        switch (year)
        {
            case < 1900:
                t = year - 1860;
                return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * Math.Pow(t, 3)
                    - 0.0004473624 * Math.Pow(t, 4) + Math.Pow(t, 5) / 233174;
            case < 1920:
                t = year - 1900;
                return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * Math.Pow(t, 3) - 0.000197 * Math.Pow(t, 4);
            case < 1941:
                t = year - 1920;
                return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * Math.Pow(t, 3);
            case < 1961:
                t = year - 1950;
                return 29.07 + 0.407 * t - t * t / 233 + Math.Pow(t, 3) / 2547;
            case < 1986:
                t = year - 1975;
                return 45.45 + 1.067 * t - t * t / 260 - Math.Pow(t, 3) / 718;
            case < 2005:
                t = year - 2000;
                return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * Math.Pow(t, 3)
                    + 0.000651814 * Math.Pow(t, 4) + 0.00002373599 * Math.Pow(t, 5);
            case < 2050:
                t = year - 2000;
                return 62.92 + 0.32217 * t + 0.005589 * t * t;
            default:
                double u = (year - 1820) / 100;
                return -20 + 32 * u * u - 0.5628 * (2150 - year);
        }
    }
}
