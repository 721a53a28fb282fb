from .cli import main

# The guard matters: Dask's worker processes are spawned, and a spawned process imports the main
# module again (as __mp_main__); without it each worker would run the command once more.
if __name__ == "__main__":
    main()
