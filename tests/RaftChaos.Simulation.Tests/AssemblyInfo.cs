// Seeds are independent and pure: run fixtures side by side on the 2 cores.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
