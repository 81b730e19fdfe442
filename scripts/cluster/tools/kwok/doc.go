package kwok
